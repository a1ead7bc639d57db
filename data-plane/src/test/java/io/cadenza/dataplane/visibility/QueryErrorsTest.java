package io.cadenza.dataplane.visibility;

import static io.cadenza.dataplane.visibility.TestAttributes.count;
import static io.cadenza.dataplane.visibility.TestAttributes.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.IndexedValueType;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a query can be wrong, with the message (Temporal's wording where it has one) and position. */
class QueryErrorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            // unknown names, wrong types
            "Foo = 'x'                      | invalid search attribute: Foo at position 1",
            "ORDER BY Foo                   | invalid search attribute: Foo at position 10",
            "HistoryLength = 'abc'          | invalid expression: invalid value type for search attribute"
                    + " HistoryLength of type Int: 'abc' (type: string) at position 17",
            "WorkflowId = 123               | invalid expression: invalid value type for search attribute"
                    + " WorkflowId of type Keyword: 123 (type: int64) at position 14",
            "Vip = 'yes'                    | invalid expression: invalid value type for search attribute"
                    + " Vip of type Bool: 'yes' (type: string) at position 7",
            "Priority = true                | invalid expression: invalid value type for search attribute"
                    + " Priority of type Int: true (type: bool) at position 12",
            "ExecutionStatus = 'Bogus'      | invalid expression: invalid ExecutionStatus value 'Bogus' at position 19",
            "ExecutionStatus = 42           | invalid expression: invalid ExecutionStatus value 42 at position 19",
            "ExecutionStatus = 1.5          | invalid expression: unexpected value type 1.5 (type: float64) for"
                    + " search attribute ExecutionStatus at position 19",
            "StartTime > '2026-11-25'       | invalid expression: unable to parse datetime '2026-11-25' at position 13",
            "ExecutionDuration > '5 minutes' | invalid expression: invalid duration value for search attribute"
                    + " ExecutionDuration: '5 minutes' at position 21",
            "Description = '   '            | invalid expression: no tokens found filtering on Text type search"
                    + " attribute Description at position 15",
            "HistoryLength = 99999999999999999999 | invalid expression: unable to parse value 99999999999999999999"
                    + " at position 17",
            // operators a type does not take
            "HistoryLength STARTS_WITH 'a'  | operation is not supported: operator 'STARTS_WITH' not supported for"
                    + " Int type search attribute 'HistoryLength' at position 1",
            "ExecutionStatus > 'Running'    | operation is not supported: operator '>' not supported for Keyword"
                    + " type search attribute 'ExecutionStatus' at position 1",
            "Description > 'x'              | operation is not supported: operator '>' not supported for Text type"
                    + " search attribute 'Description' at position 1",
            "Description IN ('x')           | operation is not supported: operator 'IN' not supported for Text type"
                    + " search attribute 'Description' at position 1",
            "Tags BETWEEN 'a' AND 'b'       | operation is not supported: operator 'BETWEEN' not supported for"
                    + " KeywordList type search attribute 'Tags' at position 1",
            "Tags NOT STARTS_WITH 'a'       | operation is not supported: operator 'NOT STARTS_WITH' not supported"
                    + " for KeywordList type search attribute 'Tags' at position 1",
            "Vip < true                     | operation is not supported: operator '<' not supported for Bool type"
                    + " search attribute 'Vip' at position 1",
            "WorkflowId LIKE 'a%'           | operation is not supported: operator 'LIKE' at position 12",
            "WorkflowId NOT LIKE 'a%'       | operation is not supported: operator 'NOT LIKE' at position 16",
            // clauses
            "ORDER BY WorkflowId            | operation is not supported: 'ORDER BY' clause is only supported for"
                    + " StartTime, CloseTime and ExecutionTime, not 'WorkflowId' at position 10",
            "ORDER BY Priority DESC         | operation is not supported: 'ORDER BY' clause is only supported for"
                    + " StartTime, CloseTime and ExecutionTime, not 'Priority' at position 10",
            "ORDER BY StartTime, CloseTime  | operation is not supported: 'ORDER BY' clause supports only a single"
                    + " field at position 19",
            "GROUP BY ExecutionStatus       | operation is not supported: 'GROUP BY' clause at position 10",
            "WorkflowId = 'a' LIMIT 10      | operation is not supported: 'LIMIT' clause at position 18",
            // syntax
            "WorkflowId = 'abc              | malformed SQL query: unterminated string at position 14",
            "`Unclosed = 'a'                | malformed SQL query: unterminated backquoted name at position 1",
            "WorkflowId =                   | malformed SQL query: expected a value but found end of query at"
                    + " position 13",
            "WorkflowId                     | malformed SQL query: expected an operator after 'WorkflowId' but"
                    + " found end of query at position 11",
            "(WorkflowId = 'a'              | malformed SQL query: expected ')' but found end of query at position 18",
            "WorkflowId = 'a')              | malformed SQL query: unexpected ')' at position 17",
            "WorkflowId = 'a' AND           | malformed SQL query: expected a search attribute name but found end"
                    + " of query at position 21",
            "AND WorkflowId = 'a'           | malformed SQL query: expected a search attribute name but found 'AND'"
                    + " at position 1",
            "WorkflowId IN ()               | malformed SQL query: expected a value but found ')' at position 16",
            "WorkflowId IN ('a' 'b')        | malformed SQL query: expected ',' or ')' but found string 'b' at"
                    + " position 20",
            "WorkflowId NOT = 'a'           | malformed SQL query: expected IN, BETWEEN or STARTS_WITH after NOT but"
                    + " found '=' at position 16",
            "HistoryLength BETWEEN 1 OR 2   | malformed SQL query: expected AND in BETWEEN but found 'OR' at"
                    + " position 25",
            "WorkflowId = 'a' # x           | malformed SQL query: unexpected character '#' at position 18",
            "WorkflowId ! 'a'               | malformed SQL query: unexpected character '!' at position 12",
            "HistoryLength = 12abc          | malformed SQL query: unexpected character 'a' in number at position 19",
            "WorkflowId = 'a' ORDER BY StartTime WorkflowId | malformed SQL query: unexpected 'WorkflowId' at"
                    + " position 37",
            // values in the wrong place
            "WorkflowId = Foo               | operation is not supported: column name on the right side of"
                    + " comparison expression (did you forget to quote 'Foo'?) at position 14",
            "WorkflowId = NULL              | invalid expression: NULL is not a value: use IS NULL or IS NOT NULL at"
                    + " position 14",
            "WorkflowId IS 'a'              | invalid expression: 'IS' operator can only be used as 'IS NULL' or"
                    + " 'IS NOT NULL' at position 12",
            "WorkflowId = - 'a'             | invalid expression: unary operator '-' is only supported before a"
                    + " number at position 14"})
    void aMalformedQueryIsRefusedWithItsProblemAndPosition(String query, String message) {
        assertThatThrownBy(() -> list(query))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessage(message);
    }

    @Test
    void theExceptionCarriesThePosition() {
        assertThatThrownBy(() -> list("WorkflowId = 'a' OR Foo = 'b'"))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.position()).isEqualTo(21));
    }

    @Test
    void countGroupsOnlyByExecutionStatus() {
        assertThatThrownBy(() -> count("GROUP BY WorkflowType"))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessage("operation is not supported: 'GROUP BY' clause is only supported for ExecutionStatus"
                        + " search attribute at position 10");
        assertThatThrownBy(() -> count("GROUP BY ExecutionStatus, WorkflowType"))
                .hasMessage("operation is not supported: 'GROUP BY' clause supports only a single field at"
                        + " position 25");
    }

    @Test
    void nestingIsBoundedSoAHostileQueryCannotOverflowTheStack() {
        String ok = "(".repeat(99) + "WorkflowId = 'a'" + ")".repeat(99);
        assertThat(list(ok).where()).isEqualTo("(workflow_id = $2)");
        String deep = "(".repeat(101) + "WorkflowId = 'a'" + ")".repeat(101);
        assertThatThrownBy(() -> list(deep))
                .hasMessage("operation is not supported: more than 100 nested NOTs or parentheses at position 101");
        String nots = "NOT ".repeat(200) + "WorkflowId = 'a'";
        assertThatThrownBy(() -> list(nots)).isInstanceOf(InvalidQueryException.class);
    }

    @Test
    void theNumberOfValuesIsBounded() {
        String values = IntStream.rangeClosed(0, FilterTranslator.MAX_PARAMS).mapToObj(i -> "'v" + i + "'")
                .collect(Collectors.joining(","));
        assertThatThrownBy(() -> list("WorkflowId IN (" + values + ")"))
                .hasMessage("operation is not supported: more than 5000 values in one query");
    }

    @Test
    void aCustomAttributeOfAnUnusableTypeIsReported() {
        Map<String, IndexedValueType> custom = Map.of("Bad", IndexedValueType.INDEXED_VALUE_TYPE_UNSPECIFIED);
        assertThatThrownBy(() -> VisibilityQueryTranslator.forList("Bad = 'x'", custom, 2))
                .hasMessage("invalid expression: unknown search attribute type INDEXED_VALUE_TYPE_UNSPECIFIED for Bad"
                        + " at position 1");
    }

    @Test
    void attributeNamesAreCaseSensitiveAsInTemporal() {
        assertThatThrownBy(() -> list("workflowid = 'a'")).hasMessage("invalid search attribute: workflowid at position 1");
    }
}
