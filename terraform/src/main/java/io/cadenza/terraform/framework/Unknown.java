package io.cadenza.terraform.framework;

/**
 * A value not known until apply. Terraform sends it as a msgpack extension (code 0; refined unknowns of newer
 * Terraform versions use code 12 with details we do not need), and it may stand anywhere a value can.
 */
public final class Unknown {
    public static final Unknown VALUE = new Unknown();

    private Unknown() {
    }

    public static boolean is(Object value) {
        return value == VALUE;
    }

    @Override
    public String toString() {
        return "(known after apply)";
    }
}
