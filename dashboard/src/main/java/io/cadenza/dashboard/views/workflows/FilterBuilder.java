package io.cadenza.dashboard.views.workflows;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.cadenza.dashboard.backend.ListFilter;
import io.cadenza.dashboard.backend.ListFilter.AttributeCondition;
import io.cadenza.dashboard.backend.ListFilter.AttributeType;
import io.cadenza.dashboard.backend.ListFilter.Operator;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The filter builder: status, type, id prefix, start time range (UTC) and custom search attribute conditions. "Apply"
 * hands the {@link ListFilter}'s query text to the caller, who writes it into the query field the user can also edit.
 */
class FilterBuilder extends VerticalLayout {

    private final MultiSelectComboBox<String> statuses = new MultiSelectComboBox<>("Status");
    private final TextField type = new TextField("Workflow type");
    private final TextField idPrefix = new TextField("Workflow id starts with");
    private final DateTimePicker from = new DateTimePicker("Started from (UTC)");
    private final DateTimePicker to = new DateTimePicker("Started before (UTC)");
    private final VerticalLayout attributeRows = new VerticalLayout();
    private final List<AttributeRow> attributes = new ArrayList<>();

    FilterBuilder(Consumer<String> onApply) {
        setPadding(false);
        setSpacing(false);
        statuses.setItems(ListFilter.STATUSES);
        statuses.setId("filter-status");
        type.setId("filter-type");
        type.setClearButtonVisible(true);
        idPrefix.setId("filter-id-prefix");
        idPrefix.setClearButtonVisible(true);
        from.setId("filter-from");
        to.setId("filter-to");
        Button addAttribute = new Button("Search attribute", VaadinIcon.PLUS.create(), e -> addAttributeRow());
        addAttribute.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Button apply = new Button("Apply filter", e -> onApply.accept(build().toQuery()));
        apply.setId("filter-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button clear = new Button("Clear", e -> clear(onApply));
        HorizontalLayout fields = new HorizontalLayout(statuses, type, idPrefix, from, to);
        fields.setAlignItems(FlexComponent.Alignment.BASELINE);
        fields.getStyle().set("flex-wrap", "wrap");
        attributeRows.setPadding(false);
        attributeRows.setSpacing(false);
        HorizontalLayout buttons = new HorizontalLayout(addAttribute, apply, clear);
        add(fields, attributeRows, buttons);
    }

    /** The filter as entered; invalid input throws IllegalArgumentException with a readable message. */
    ListFilter build() {
        List<AttributeCondition> conditions = new ArrayList<>();
        for (AttributeRow row : attributes) {
            if (!row.name.isEmpty() || !row.value.isEmpty()) {
                conditions.add(new AttributeCondition(row.name.getValue().trim(), row.operator.getValue(),
                        row.value.getValue(), row.type.getValue()));
            }
        }
        return new ListFilter(statuses.getValue(), type.getValue(), idPrefix.getValue(), utc(from.getValue()),
                utc(to.getValue()), conditions);
    }

    private void clear(Consumer<String> onApply) {
        statuses.clear();
        type.clear();
        idPrefix.clear();
        from.clear();
        to.clear();
        attributes.clear();
        attributeRows.removeAll();
        onApply.accept("");
    }

    private void addAttributeRow() {
        AttributeRow row = new AttributeRow();
        attributes.add(row);
        Button remove = new Button(VaadinIcon.CLOSE_SMALL.create());
        HorizontalLayout line = new HorizontalLayout(row.name, row.type, row.operator, row.value, remove);
        line.setAlignItems(FlexComponent.Alignment.BASELINE);
        remove.addClickListener(e -> {
            attributes.remove(row);
            attributeRows.remove(line);
        });
        attributeRows.add(line);
    }

    private static Instant utc(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    private static final class AttributeRow {
        final TextField name = new TextField("Attribute");
        final Select<AttributeType> type = new Select<>();
        final Select<Operator> operator = new Select<>();
        final TextField value = new TextField("Value");

        AttributeRow() {
            type.setLabel("Type");
            type.setItems(AttributeType.values());
            type.setValue(AttributeType.KEYWORD);
            operator.setLabel("Operator");
            operator.setItems(Operator.values());
            operator.setItemLabelGenerator(o -> o.text);
            operator.setValue(Operator.EQUALS);
        }
    }
}
