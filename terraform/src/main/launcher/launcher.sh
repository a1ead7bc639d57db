#!/bin/sh
# terraform-provider-cadenza ${provider.version}: Terraform starts this file as the provider plugin.
# exec, so that the JVM is the process Terraform started: Terraform SIGKILLs its plugins, and a child left behind by
# a wrapper shell would outlive it. The class-data-sharing archive (made at build time) shortens JVM start-up; the
# JVM ignores it with a warning if it does not match this JDK.
DIR=$(cd "$(dirname "$0")" && pwd)
JAVA=java
if [ -n "$JAVA_HOME" ]; then JAVA="$JAVA_HOME/bin/java"; fi
CDS=""
if [ -f "$DIR/cadenza-provider.jsa" ]; then CDS="-XX:SharedArchiveFile=$DIR/cadenza-provider.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"; fi
exec "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xmx256m $CDS \
  -cp "$DIR/cadenza-provider.jar:$DIR/lib/*" io.cadenza.terraform.Main "$@"
