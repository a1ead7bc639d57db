package io.cadenza.terraform.framework;

import java.util.List;
import java.util.Map;

/** What a provider is made of: its configuration schema, how it configures itself, resources and data sources. */
public interface ProviderDefinition {
    Block schema();

    /** Called by ConfigureProvider before any resource call; reports problems as diagnostics. */
    void configure(Map<String, Object> config, Diagnostics diagnostics);

    List<ResourceType> resources();

    List<DataSourceType> dataSources();
}
