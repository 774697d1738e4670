#!/bin/sh
# Installs what Foyer needs into a WildFly 37 installation; run once per installation, before configure.cli.
#   install-modules.sh WILDFLY_HOME [ECLIPSELINK_JAR] [POSTGRESQL_JAR]
# The jars default to the local Maven repository, filled from Maven Central with:
#   mvn dependency:get -Dtransitive=false -Dartifact=org.eclipse.persistence:eclipselink:4.0.7
#   mvn dependency:get -Dtransitive=false -Dartifact=org.postgresql:postgresql:42.7.8
set -eu
WILDFLY_HOME=${1:?usage: $0 WILDFLY_HOME [ECLIPSELINK_JAR] [POSTGRESQL_JAR]}
M2=${MAVEN_REPOSITORY:-$HOME/.m2/repository}
ECLIPSELINK_JAR=${2:-$M2/org/eclipse/persistence/eclipselink/4.0.7/eclipselink-4.0.7.jar}
POSTGRESQL_JAR=${3:-$M2/org/postgresql/postgresql/42.7.8/postgresql-42.7.8.jar}
MODULES=$WILDFLY_HOME/modules/system/layers/base

# 1. EclipseLink (the WAR's persistence provider) goes into WildFly's existing org.eclipse.persistence
#    module, next to its jipijapa integration jar. EclipseLink also needs the five JDK modules added.
EL=$MODULES/org/eclipse/persistence/main
cp "$ECLIPSELINK_JAR" "$EL/"
name=$(basename "$ECLIPSELINK_JAR")
if ! grep -q "$name" "$EL/module.xml"; then
  sed -i -e "s|<resources>|<resources>\n        <resource-root path=\"$name\"/>|" \
    -e 's|<dependencies>|<dependencies>\n        <module name="java.desktop"/>\n        <module name="java.rmi"/>\n        <module name="java.sql"/>\n        <module name="java.xml"/>\n        <module name="jdk.unsupported"/>|' \
    "$EL/module.xml"
fi

# 2. The PostgreSQL JDBC driver as a module of its own, org.postgresql (configure.cli registers it),
#    in the user module directory that WildFly updates leave alone.
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
echo "Installed $name into $EL and $(basename "$POSTGRESQL_JAR") as module org.postgresql"
