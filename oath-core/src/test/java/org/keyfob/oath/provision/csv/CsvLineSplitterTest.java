package org.keyfob.oath.provision.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RFC 4180 §2 field splitting")
class CsvLineSplitterTest {
    @Test
    void splitsOnCommasKeepingEmptyFields() {
        assertThat(CsvLineSplitter.split("a,,c,")).containsExactly("a", "", "c", "");
    }

    @Test
    @DisplayName("RFC 4180 §2.6: a quoted field may hold commas")
    void quotedFieldKeepsCommas() {
        assertThat(CsvLineSplitter.split("\"Token2, Inc.\",C202")).containsExactly("Token2, Inc.", "C202");
    }

    @Test
    @DisplayName("RFC 4180 §2.7: a doubled quote inside a quoted field is one quote")
    void doubledQuoteIsOneQuote() {
        assertThat(CsvLineSplitter.split("\"the \"\"mini\"\" model\",x")).containsExactly("the \"mini\" model", "x");
    }

    @Test
    void spacesAroundAQuotedFieldAreIgnored() {
        assertThat(CsvLineSplitter.split("a,  \"b\"  ,c")).containsExactly("a", "b", "c");
    }

    @Test
    void unquotedFieldsKeepTheirSpacesForTheCallerToStrip() {
        assertThat(CsvLineSplitter.split(" a , b ")).containsExactly(" a ", " b ");
    }

    @Test
    void refusesAQuoteLeftOpenAtTheEndOfTheLineNamingItsColumn() {
        assertThatThrownBy(() -> CsvLineSplitter.split("a,\"b,c"))
                .isInstanceOfSatisfying(CsvLineSplitter.MalformedLine.class, e -> assertThat(e.column()).isEqualTo(1))
                .hasMessage("opens a quote that is not closed on this line");
    }

    @Test
    void refusesTextAfterAClosingQuote() {
        assertThatThrownBy(() -> CsvLineSplitter.split("\"a\"b,c"))
                .hasMessage("has text after its closing quote");
    }

    @Test
    void refusesAQuoteInsideAnUnquotedField() {
        assertThatThrownBy(() -> CsvLineSplitter.split("a,b\"c"))
                .isInstanceOfSatisfying(CsvLineSplitter.MalformedLine.class, e -> assertThat(e.column()).isEqualTo(1))
                .hasMessage("has a quote inside an unquoted field; quote the whole field and double the quotes in it");
    }
}
