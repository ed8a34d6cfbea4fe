#!/usr/bin/env bash
# The HUB loop against a running application (README: the run command), with curl and jq.
# Signs in as the first administrator, creates a CHW, and as that CHW registers a client, submits the
# initial checklist, opens Housing and Pregnancy and records their steps to completion (one of them out of
# order); then, as the administrator, prints the payment report.
set -euo pipefail
HUB=${HUB:-http://localhost:8080}
DATA_DIR=${HUB_DATA_DIR:-./data}
TODAY=$(TZ=America/New_York date +%F)
days_ago() { TZ=America/New_York date -d "$1 days ago" +%F; }
in_days() { TZ=America/New_York date -d "+$1 days" +%F; }
key() { cat /proc/sys/kernel/random/uuid; }
login() { # username, password -> bearer token
  curl -sS -H 'Content-Type: application/json' "$HUB/auth/token" \
    -d "{\"username\": \"$1\", \"password\": \"$2\"}" | jq -r .access_token
}
TOKEN=
post() { curl -sS -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" "$@"; }
get() { curl -sS -H "Authorization: Bearer $TOKEN" "$@"; }
step() { # pathway, body
  post "$HUB/pathways/$1/steps" -H "Idempotency-Key: $(key)" -d "$2" | jq -c '{stepCode, occurredOn, recordedAt}'
}
await_status() { # pathway, status
  for _ in $(seq 1 100); do
    status=$(get "$HUB/pathways/$1" | jq -r .status)
    [ "$status" = "$2" ] && return 0
    sleep 0.3
  done
  echo "pathway $1 is still $status" >&2; return 1
}
EVIDENCE="{\"confirmedBy\": \"CHW Ana Ruiz\", \"method\": \"document seen\", \"confirmedOn\": \"$TODAY\"}"
SUFFIX=$(date +%s)
# Letters only: the registry folds digits out of names, and a second "Maria Lopez" born the same day is a
# probable duplicate (409) by design.
FAMILY="Lopez-$(tr -dc 'a-z' < /dev/urandom | head -c 6 || true)"

echo "== Sign in as the first administrator and create a CHW of the seeded agency"
ADMIN=$(login admin "$(cat "$DATA_DIR/initial-admin-password")")
CHW_PASSWORD="demo-$(tr -dc 'a-z0-9' < /dev/urandom | head -c 16 || true)"
TOKEN=$ADMIN post "$HUB/admin/users" -d "{\"username\": \"chw-$SUFFIX\", \"password\": \"$CHW_PASSWORD\",
  \"role\": \"CHW\", \"agencyId\": \"00000000-0000-0000-0000-000000000002\"}" | jq -c '{id, username, role, agencyId}'
TOKEN=$(login "chw-$SUFFIX" "$CHW_PASSWORD")

echo "== Register a client"
REGISTERED=$(post "$HUB/clients" -d "{
  \"givenName\": \"Maria\", \"familyName\": \"$FAMILY\", \"birthDate\": \"1998-04-12\",
  \"phone\": \"(614) 555-${SUFFIX: -4}\", \"medicaidId\": \"MCD$SUFFIX\",
  \"coverage\": {\"payer\": \"STATE_MEDICAID\", \"memberId\": \"M-$SUFFIX\"}}")
echo "$REGISTERED" | jq -c '{id, givenName, familyName, agencyId}'
CLIENT=$(echo "$REGISTERED" | jq -r .id)

echo "== Submit the initial checklist"
post "$HUB/clients/$CLIENT/checklists" -d '{"kind": "INITIAL", "answers": {
  "pregnant": "yes", "pregnancy_confirmed": "yes", "housing_status": "UNSTABLE", "has_primary_care": "no",
  "food_insecure": "no", "er_visits_12_months": "1", "has_health_coverage": "yes",
  "has_high_school_diploma": "yes", "child_development_concern": "no", "unemployed_seeking_work": "no",
  "wants_family_planning": "no", "immunizations_up_to_date": "yes", "health_education_need": "no",
  "needs_medical_referral": "no", "takes_prescribed_medicines": "no", "recent_hospital_discharge": "no",
  "misses_medicine_doses": "no", "mental_health_concern": "no", "substance_use_concern": "no", "has_dentist": "yes",
  "gave_birth_last_12_weeks": "no", "social_service_need": "no", "has_reliable_transportation": "yes"}}' | jq '{score, tier, recommendations, rulePackageVersion}'

echo "== Open Housing and Pregnancy"
HOUSING=$(post "$HUB/clients/$CLIENT/pathways" -d '{"pathwayCode": "HOUSING"}' | jq -r .id)
PREGNANCY=$(post "$HUB/clients/$CLIENT/pathways" \
  -d "{\"pathwayCode\": \"PREGNANCY\", \"openingFields\": {\"estimatedDueDate\": \"$(in_days 150)\"}}" | jq -r .id)
get "$HUB/pathways/$PREGNANCY" | jq -c '{pathwayCode, status, dueDate, deadline}'
get "$HUB/pathways/$HOUSING" | jq -c '{pathwayCode, status, dueDate, deadline}'

echo "== Housing: the move-in paperwork arrives first; it waits in the engine for the earlier steps"
step "$HOUSING" "{\"stepCode\": \"MOVED_IN\", \"occurredOn\": \"$TODAY\", \"evidence\": $EVIDENCE}"
step "$HOUSING" "{\"stepCode\": \"APPLICATION_SUBMITTED\", \"occurredOn\": \"$(days_ago 30)\"}"
step "$HOUSING" "{\"stepCode\": \"HOUSING_SECURED\", \"occurredOn\": \"$(days_ago 7)\"}"

echo "== Pregnancy: provider, prenatal visit (a paid checkpoint), delivery at 3,120 g"
step "$PREGNANCY" "{\"stepCode\": \"PRENATAL_CARE_PROVIDER_CHOSEN\", \"occurredOn\": \"$(days_ago 20)\"}"
step "$PREGNANCY" "{\"stepCode\": \"PRENATAL_VISIT_ATTENDED\", \"occurredOn\": \"$(days_ago 10)\", \"evidence\": $EVIDENCE}"
step "$PREGNANCY" "{\"stepCode\": \"DELIVERY\", \"occurredOn\": \"$TODAY\", \"data\": {\"birthWeightGrams\": 3120}, \"evidence\": $EVIDENCE}"

await_status "$HOUSING" COMPLETED
await_status "$PREGNANCY" COMPLETED
echo "== Both pathways completed"
get "$HUB/pathways/$HOUSING" | jq -c '{pathwayCode, status, outcomeVariant, payments: [.payments[] | {milestone, outcomeVariant, amountCents}]}'
get "$HUB/pathways/$PREGNANCY" | jq -c '{pathwayCode, status, outcomeVariant, payments: [.payments[] | {milestone, outcomeVariant, amountCents}]}'

echo "== Payment report for STATE_MEDICAID, last 30 days (JSON, then CSV), as the administrator"
TOKEN=$ADMIN
get "$HUB/reports/payments?payer=STATE_MEDICAID&from=$(days_ago 30)&to=$TODAY" | jq .
get -H 'Accept: text/csv' "$HUB/reports/payments?payer=STATE_MEDICAID&from=$(days_ago 30)&to=$TODAY"
