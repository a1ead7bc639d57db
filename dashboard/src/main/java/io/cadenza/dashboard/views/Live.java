package io.cadenza.dashboard.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pages that update by themselves: while a live component is attached, the browser polls the server every few
 * seconds (Vaadin UI polling, no server push needed behind proxies) and the component's tick runs at most once per
 * period. A tick should make one cheap call (a describe, a list page) and redraw only what changed.
 * {@link Background} restores this interval when its own faster polling ends.
 */
public final class Live {

    private static final String OWNERS = "cadenza.live.owners";
    private static final String HANDLE = "cadenza.live.handle";

    private Live() {
    }

    private record Handle(UI ui, Registration poll, Registration detach) {
    }

    private static final class Ticker {
        final int millis;
        long last = System.nanoTime();

        Ticker(int millis) {
            this.millis = millis;
        }
    }

    /** Runs {@code tick} every {@code millis} while {@code owner} stays attached (or until {@link #stop}). */
    public static void every(Component owner, int millis, Runnable tick) {
        stop(owner);
        UI ui = UI.getCurrent();
        Ticker ticker = new Ticker(millis);
        Registration poll = ui.addPollListener(e -> {
            long now = System.nanoTime();
            if (owner.isAttached() && now - ticker.last >= millis * 1_000_000L - 100_000_000L) {
                ticker.last = now;
                tick.run();
            }
        });
        Registration detach = owner.addDetachListener(e -> stop(owner));
        ComponentUtil.setData(owner, HANDLE, new Handle(ui, poll, detach));
        owners(ui).put(owner, millis);
        apply(ui);
    }

    /** Stops the ticks of {@code owner} (e.g. the run closed). */
    public static void stop(Component owner) {
        Handle handle = (Handle) ComponentUtil.getData(owner, HANDLE);
        if (handle == null) {
            return;
        }
        ComponentUtil.setData(owner, HANDLE, null);
        handle.poll().remove();
        handle.detach().remove();
        owners(handle.ui()).remove(owner);
        apply(handle.ui());
    }

    /** The poll interval live components need in {@code ui}, or -1 for none. */
    static int interval(UI ui) {
        return owners(ui).values().stream().mapToInt(Integer::intValue).min().orElse(-1);
    }

    private static void apply(UI ui) {
        if (!Background.busy(ui)) {
            ui.setPollInterval(interval(ui));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<Component, Integer> owners(UI ui) {
        Map<Component, Integer> owners = (Map<Component, Integer>) ComponentUtil.getData(ui, OWNERS);
        if (owners == null) {
            owners = new LinkedHashMap<>();
            ComponentUtil.setData(ui, OWNERS, owners);
        }
        return owners;
    }
}
