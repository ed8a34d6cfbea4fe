package org.communityhub.pathways;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The pathways this HUB offers: each pathway's descriptor and BPMN process, read from the classpath. The
 * standard catalog is {@code pathways/catalog.json}, which lists the descriptor files; each descriptor names
 * its BPMN file.
 */
public final class PathwayCatalog {

  /** Classpath folder of the standard catalog. */
  public static final String FOLDER = "pathways/";
  /** Classpath path of the standard catalog's index. */
  public static final String CATALOG_RESOURCE = FOLDER + "catalog.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final List<PathwayDescriptor> pathways;

  private PathwayCatalog(Collection<PathwayDescriptor> pathways) {
    this.pathways = List.copyOf(pathways);
    Set<String> codes = new HashSet<>();
    Set<String> processIds = new HashSet<>();
    for (PathwayDescriptor d : this.pathways) {
      if (!codes.add(d.code())) throw new IllegalArgumentException("pathway code " + d.code() + " is listed twice");
      if (!processIds.add(d.processId())) {
        throw new IllegalArgumentException("process id " + d.processId() + " is used by two pathways");
      }
    }
  }

  /** The standard catalog, loaded once from {@value #CATALOG_RESOURCE}. */
  public static PathwayCatalog standard() {
    return Standard.CATALOG;
  }

  /** A catalog of these descriptors (e.g. authored by an administrator); codes and process ids must be unique. */
  public static PathwayCatalog of(Collection<PathwayDescriptor> pathways) {
    return new PathwayCatalog(pathways);
  }

  /** Every pathway, in catalog order. */
  public List<PathwayDescriptor> all() {
    return pathways;
  }

  /** The pathway with this code. */
  public Optional<PathwayDescriptor> find(String code) {
    return pathways.stream().filter(d -> d.code().equals(code)).findFirst();
  }

  /** The pathway whose BPMN process has this id (what a job names as its bpmnProcessId). */
  public Optional<PathwayDescriptor> findByProcessId(String processId) {
    return pathways.stream().filter(d -> d.processId().equals(processId)).findFirst();
  }

  /** The pathway's BPMN file, read from the classpath. */
  public byte[] bpmn(PathwayDescriptor descriptor) {
    try (InputStream in = resource(descriptor.bpmnResource())) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + descriptor.bpmnResource(), e);
    }
  }

  /**
   * Reads one descriptor (the JSON format of {@code pathways/*.json}); unknown properties are refused.
   *
   * @throws IllegalArgumentException when the JSON is malformed or the descriptor inconsistent
   */
  public static PathwayDescriptor readDescriptor(InputStream json) {
    try {
      return JSON.readValue(json, PathwayDescriptor.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid pathway descriptor: " + e.getMessage(), e);
    }
  }

  /** The index file's format: {@code {"pathways": [{"code": "HOUSING", "descriptor": "housing.json"}]}}. */
  record Index(List<Entry> pathways) {
    record Entry(String code, String descriptor) {}
  }

  static Index readIndex(InputStream json) {
    try {
      return JSON.readValue(json, Index.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid pathway catalog: " + e.getMessage(), e);
    }
  }

  private static PathwayCatalog load() {
    Index index;
    try (InputStream in = resource(CATALOG_RESOURCE)) {
      index = readIndex(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<PathwayDescriptor> pathways = new ArrayList<>();
    for (Index.Entry entry : index.pathways()) {
      try (InputStream in = resource(FOLDER + entry.descriptor())) {
        PathwayDescriptor descriptor = readDescriptor(in);
        if (!descriptor.code().equals(entry.code())) {
          throw new IllegalArgumentException(
              entry.descriptor() + " describes " + descriptor.code() + ", the catalog says " + entry.code());
        }
        pathways.add(descriptor);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new PathwayCatalog(pathways);
  }

  private static InputStream resource(String path) {
    InputStream in = PathwayCatalog.class.getClassLoader().getResourceAsStream(path);
    if (in == null) throw new IllegalArgumentException("no classpath resource " + path);
    return in;
  }

  private static final class Standard {
    static final PathwayCatalog CATALOG = load();
  }
}
