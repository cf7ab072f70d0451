#!/bin/sh
# Applies every sink connector configuration in $CONNECTORS_DIR to the Connect cluster at
# $CONNECT_URL: PUT /connectors/<name>/config, which creates the connector or updates it, so
# running this again after editing a file is how a configuration change is deployed.
set -eu
CONNECT_URL="${CONNECT_URL:-http://connect:8083}"
CONNECTORS_DIR="${CONNECTORS_DIR:-/connectors}"

echo "Waiting for Kafka Connect at $CONNECT_URL"
attempts=0
until curl -fsS "$CONNECT_URL/connector-plugins" | grep -q JdbcSinkConnector; do
  attempts=$((attempts + 1))
  if [ "$attempts" -ge 120 ]; then
    echo "Kafka Connect did not come up with the JDBC sink plugin" >&2
    exit 1
  fi
  sleep 2
done

for file in "$CONNECTORS_DIR"/*.json; do
  name=$(basename "$file" .json)
  echo "Applying connector $name"
  curl -fsS -X PUT -H 'Content-Type: application/json' --data "@$file" "$CONNECT_URL/connectors/$name/config" > /dev/null
done
curl -fsS "$CONNECT_URL/connectors?expand=status"
echo
