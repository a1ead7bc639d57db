#!/bin/sh
# terraform-provider-cadenza ${provider.version}: Terraform starts this file as the provider plugin.
# exec, so that the JVM is the process Terraform started: Terraform SIGKILLs its plugins, and a child left behind by
# a wrapper shell would outlive it. C1 only and the serial collector: the provider lives for one Terraform
# command, so start-up matters more than peak speed.
DIR=$(cd "$(dirname "$0")" && pwd)
JAVA=java
if [ -n "$JAVA_HOME" ]; then JAVA="$JAVA_HOME/bin/java"; fi
exec "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xmx256m \
  -cp "$DIR/cadenza-provider.jar:$DIR/lib/*" io.cadenza.terraform.Main "$@"
