#!/usr/bin/env bash
# Applies configure.cli to an unpacked WildFly once; re-applies it to a pristine configuration
# whenever the script changes, so a stale server configuration never survives a rebuild.
set -euo pipefail
jboss_home=$1
postgresql_jar=$2
here=$(cd "$(dirname "$0")" && pwd)
cli="$here/configure.cli"
marker="$jboss_home/.nip-configured"
want=$(sha256sum "$0" "$cli" "$postgresql_jar" | sha256sum | cut -c1-64)
config="$jboss_home/standalone/configuration/standalone.xml"

if [ -f "$marker" ] && [ "$(cat "$marker")" = "$want" ]; then
  echo "WildFly at $jboss_home is already configured"
  exit 0
fi
if [ -f "$config.pristine" ]; then
  cp "$config.pristine" "$config"
  rm -rf "$jboss_home/modules/org/postgresql" "$jboss_home/standalone/configuration/standalone_xml_history"
else
  cp "$config" "$config.pristine"
fi
echo "Configuring WildFly at $jboss_home with $cli"
export JAVA_OPTS="-Xmx512m"
"$jboss_home/bin/jboss-cli.sh" --command="module add --name=org.postgresql --resources=$postgresql_jar --dependencies=jakarta.transaction.api"
"$jboss_home/bin/jboss-cli.sh" --file="$cli"
echo "$want" > "$marker"
