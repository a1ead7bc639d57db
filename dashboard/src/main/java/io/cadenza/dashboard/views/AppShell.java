package io.cadenza.dashboard.views;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.theme.Theme;
import com.vaadin.flow.theme.lumo.Lumo;

/** Application shell: stock Lumo theme, no custom front-end packages. */
@Theme(themeClass = Lumo.class)
public class AppShell implements AppShellConfigurator {
}
