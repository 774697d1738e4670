#!/bin/sh
# Installs what Foyer needs into a WildFly 37 installation; run once per installation, before configure.cli.
#   install-modules.sh WILDFLY_HOME [ECLIPSELINK_JAR] [POSTGRESQL_JAR]
# The jars default to the local Maven repository, filled from Maven Central with:
#   mvn dependency:get -Dtransitive=false -Dartifact=org.eclipse.persistence:eclipselink:4.0.7
#   mvn dependency:get -Dtransitive=false -Dartifact=org.postgresql:postgresql:42.7.8
# The PostgreSQL driver is optional: without POSTGRESQL_JAR and with none in the Maven repository
# (H2 with configure-h2.cli), it is skipped. A POSTGRESQL_JAR given must exist.
set -eu
WILDFLY_HOME=${1:?usage: $0 WILDFLY_HOME [ECLIPSELINK_JAR] [POSTGRESQL_JAR]}
M2=${MAVEN_REPOSITORY:-$HOME/.m2/repository}
ECLIPSELINK_JAR=${2:-$M2/org/eclipse/persistence/eclipselink/4.0.7/eclipselink-4.0.7.jar}
POSTGRESQL_JAR=${3:-}
MODULES=$WILDFLY_HOME/modules/system/layers/base

if [ ! -f "$ECLIPSELINK_JAR" ]; then
  echo "No EclipseLink jar at $ECLIPSELINK_JAR (see the mvn dependency:get line in $0)" >&2
  exit 1
fi
if [ -n "$POSTGRESQL_JAR" ] && [ ! -f "$POSTGRESQL_JAR" ]; then
  echo "No PostgreSQL driver at $POSTGRESQL_JAR" >&2
  exit 1
fi
if [ -z "$POSTGRESQL_JAR" ] && [ -f "$M2/org/postgresql/postgresql/42.7.8/postgresql-42.7.8.jar" ]; then
  POSTGRESQL_JAR=$M2/org/postgresql/postgresql/42.7.8/postgresql-42.7.8.jar
fi

# 1. EclipseLink (the WAR's persistence provider) goes into WildFly's existing org.eclipse.persistence
#    module, next to its jipijapa integration jar. EclipseLink also needs the five JDK modules added.
#    The module leaves out the jar's Oracle 21c JSON classes: they extend a class of EclipseLink's
#    separate org.eclipse.persistence.json jar, which eclipselink.jar lacks (eclipse-ee4j/eclipselink
#    #1750), so EclipseLink's JSON platform lookup at every start failed to define them, and JBoss
#    Modules logged that as a warning with a stack trace. Without them the lookup just finds no
#    Oracle JSON support, as it finds none for PostgreSQL; Foyer maps no JSON columns.
EL=$MODULES/org/eclipse/persistence/main
cp "$ECLIPSELINK_JAR" "$EL/"
name=$(basename "$ECLIPSELINK_JAR")
root="<resource-root path=\"$name\">\n            <filter>\n                <exclude path=\"org/eclipse/persistence/platform/database/oracle/json\"/>\n            </filter>\n        </resource-root>"
if ! grep -q "$name" "$EL/module.xml"; then
  sed -i -e "s|<resources>|<resources>\n        $root|" \
    -e 's|<dependencies>|<dependencies>\n        <module name="java.desktop"/>\n        <module name="java.rmi"/>\n        <module name="java.sql"/>\n        <module name="java.xml"/>\n        <module name="jdk.unsupported"/>|' \
    "$EL/module.xml"
elif grep -q "<resource-root path=\"$name\"/>" "$EL/module.xml"; then
  # Installed by an earlier version of this script, without the filter.
  sed -i "s|<resource-root path=\"$name\"/>|$root|" "$EL/module.xml"
fi
echo "Installed $name into $EL"

# 2. The PostgreSQL JDBC driver as a module of its own, org.postgresql (configure.cli registers it),
#    in the user module directory that WildFly updates leave alone.
if [ -z "$POSTGRESQL_JAR" ]; then
  echo "No PostgreSQL driver given or in $M2: module org.postgresql skipped (enough for configure-h2.cli)"
  exit 0
fi
PG=$WILDFLY_HOME/modules/org/postgresql/main
mkdir -p "$PG"
cp "$POSTGRESQL_JAR" "$PG/"
cat > "$PG/module.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<module name="org.postgresql" xmlns="urn:jboss:module:1.9">
    <resources>
        <resource-root path="$(basename "$POSTGRESQL_JAR")"/>
    </resources>
    <dependencies>
        <module name="java.logging"/>
        <module name="java.management"/>
        <module name="java.naming"/>
        <module name="java.security.jgss"/>
        <module name="java.sql"/>
        <module name="java.transaction.xa"/>
        <module name="jakarta.transaction.api"/>
    </dependencies>
</module>
XML
echo "Installed $(basename "$POSTGRESQL_JAR") as module org.postgresql"
