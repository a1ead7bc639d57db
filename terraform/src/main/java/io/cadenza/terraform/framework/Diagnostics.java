package io.cadenza.terraform.framework;

import io.cadenza.terraform.protocol.tfplugin6.Tfplugin6;

import java.util.ArrayList;
import java.util.List;

/** Errors and warnings for Terraform, each optionally on an attribute (Terraform then points at that line). */
public final class Diagnostics {
    private final List<Tfplugin6.Diagnostic> items = new ArrayList<>();

    public void error(String summary, String detail) {
        add(Tfplugin6.Diagnostic.Severity.ERROR, summary, detail, null);
    }

    /** An error on a top-level attribute. */
    public void attributeError(String attribute, String summary, String detail) {
        add(Tfplugin6.Diagnostic.Severity.ERROR, summary, detail, attribute);
    }

    public void warning(String summary, String detail) {
        add(Tfplugin6.Diagnostic.Severity.WARNING, summary, detail, null);
    }

    private void add(Tfplugin6.Diagnostic.Severity severity, String summary, String detail, String attribute) {
        Tfplugin6.Diagnostic.Builder b = Tfplugin6.Diagnostic.newBuilder().setSeverity(severity)
                .setSummary(summary).setDetail(detail == null ? "" : detail);
        if (attribute != null) {
            b.setAttribute(path(attribute));
        }
        items.add(b.build());
    }

    static Tfplugin6.AttributePath path(String attribute) {
        return Tfplugin6.AttributePath.newBuilder()
                .addSteps(Tfplugin6.AttributePath.Step.newBuilder().setAttributeName(attribute)).build();
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(d -> d.getSeverity() == Tfplugin6.Diagnostic.Severity.ERROR);
    }

    public List<Tfplugin6.Diagnostic> all() {
        return items;
    }
}
