package org.communityhub.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.communityhub.api.openapi.OpenApiSettings.Environment;
import org.junit.jupiter.api.Test;

class OpenApiSettingsTest {

  @Test
  void refusesAPlainHttpServerOutsideLocalDevelopment() {
    for (Environment environment : new Environment[] {Environment.TEST, Environment.STAGING, Environment.PRODUCTION}) {
      assertThatThrownBy(() -> new OpenApiSettings(URI.create("http://hub.example.org"), environment))
          .hasMessageContaining("https://");
    }
    assertThat(new OpenApiSettings(URI.create("https://hub.example.org"), Environment.PRODUCTION).serverDescription())
        .startsWith("production");
  }

  @Test
  void allowsPlainHttpOnThisMachine() {
    assertThat(new OpenApiSettings(URI.create("http://localhost:8080"), Environment.LOCAL).serverDescription())
        .startsWith("local");
  }
}
