package io.cadenza.dataplane.namespace;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Persistence of the namespaces registered on a cell. */
public interface NamespaceStore {

    /** Inserts a namespace; completes with false if the name is taken. */
    CompletionStage<Boolean> create(Namespace namespace);

    CompletionStage<Void> update(Namespace namespace);

    CompletionStage<List<Namespace>> list();
}
