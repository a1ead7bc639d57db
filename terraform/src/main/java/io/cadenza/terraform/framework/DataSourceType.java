package io.cadenza.terraform.framework;

import java.util.Map;

/** A data source: a schema and a read of the configuration into a full value. */
public interface DataSourceType {
    String typeName();

    Block schema();

    Map<String, Object> read(Map<String, Object> config, Diagnostics diagnostics);
}
