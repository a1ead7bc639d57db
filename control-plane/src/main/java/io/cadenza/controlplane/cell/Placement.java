package io.cadenza.controlplane.cell;

import io.cadenza.controlplane.problem.ProblemException;

import java.util.Map;
import java.util.SortedSet;

/** Chooses the cell a new namespace lives on. Pure. */
public final class Placement {
    private Placement() {
    }

    /**
     * The requested cell if given (400 when unknown), else the cell with the fewest namespaces, ties broken by the
     * lowest cell id.
     *
     * @param cells           configured cell ids
     * @param namespaceCounts namespaces per cell (cells without namespaces may be absent)
     */
    public static String choose(SortedSet<String> cells, Map<String, Long> namespaceCounts, String requested) {
        if (cells.isEmpty()) {
            throw ProblemException.unavailable("No cells are configured; namespaces cannot be created.");
        }
        if (requested != null) {
            if (!cells.contains(requested)) {
                throw ProblemException.invalid("cellId", "unknown cell '" + requested + "'; known cells: " + cells);
            }
            return requested;
        }
        String best = null;
        long bestCount = Long.MAX_VALUE;
        for (String cell : cells) {
            long count = namespaceCounts.getOrDefault(cell, 0L);
            if (count < bestCount) {
                best = cell;
                bestCount = count;
            }
        }
        return best;
    }
}
