package io.cadenza.dataplane;

/** Opens a {@link CellGate} from tests in other packages (start-up alone opens it in the application). */
public final class CellGateAccess {

    private CellGateAccess() {
    }

    public static void open(CellGate gate) {
        gate.open();
    }
}
