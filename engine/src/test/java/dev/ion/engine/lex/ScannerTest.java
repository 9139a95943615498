package dev.ion.engine.lex;

import dev.ion.engine.ErrorKind;
import dev.ion.engine.IonException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The scanner against LANGUAGE.md §1: every token kind, literal decoding, positions and lex errors. */
class ScannerTest {

    private static List<Token> scan(String src) {
        return Scanner.scan(src);
    }

    private static String types(String src) {
        return scan(src).stream().map(t -> t.type().name()).collect(Collectors.joining(" "));
    }

    private static IonException lexError(String src) {
        IonException e = catchThrowableOfType(IonException.class, () -> Scanner.scan(src));
        assertThat(e).as("expected a lex error for %s", src).isNotNull();
        assertThat(e.kind()).isEqualTo(ErrorKind.LEX);
        return e;
    }

    @Test
    void operatorsAndPunctuation() {
        assertThat(types("+ - * / % == != < > <= >= && || ! & | ^ << >> = += -= *= /= |> .. ..= ... => :: ? . , ; : ( ) [ ] { } #{"))
                .isEqualTo("PLUS MINUS STAR SLASH PERCENT EQ_EQ BANG_EQ LT GT LT_EQ GT_EQ AMP_AMP PIPE_PIPE BANG AMP "
                        + "PIPE CARET LT_LT GT_GT EQ PLUS_EQ MINUS_EQ STAR_EQ SLASH_EQ PIPE_GT DOT_DOT DOT_DOT_EQ "
                        + "DOT_DOT_DOT FAT_ARROW COLON_COLON QUESTION DOT COMMA SEMI COLON LPAREN RPAREN LBRACKET "
                        + "RBRACKET LBRACE RBRACE HASH_BRACE EOF");
        // longest match without spaces
        assertThat(types("a..=b...c||d|>e")).isEqualTo("IDENT DOT_DOT_EQ IDENT DOT_DOT_DOT IDENT PIPE_PIPE IDENT PIPE_GT IDENT EOF");
    }

    @Test
    void keywordsAndIdentifiers() {
        String kws = "let mut fn match if else for while loop break continue return in as true false None Some Ok "
                + "Err async spawn await select try catch use";
        for (Token t : scan(kws)) {
            if (t.type() != TokenType.EOF) {
                assertThat(t.type().isKeyword()).as(t.lexeme()).isTrue();
                assertThat(t.type().text()).isEqualTo(t.lexeme());
            }
        }
        List<Token> ts = scan("channel sleep _x x1 set print cell f b");
        assertThat(ts).hasSize(10);
        assertThat(ts.subList(0, 9)).allMatch(t -> t.type() == TokenType.IDENT);
        assertThat(ts.get(2).value()).isEqualTo("_x");
    }

    @Test
    void integersAndFloats() {
        List<Token> ts = scan("0 42 1_000_000 9223372036854775807 3.14 0.5 1_000.5");
        assertThat(ts.get(0).value()).isEqualTo(0L);
        assertThat(ts.get(2).value()).isEqualTo(1_000_000L);
        assertThat(ts.get(3).value()).isEqualTo(Long.MAX_VALUE);
        assertThat(ts.get(4).type()).isEqualTo(TokenType.FLOAT);
        assertThat(ts.get(4).value()).isEqualTo(3.14);
        assertThat(ts.get(6).value()).isEqualTo(1000.5);
    }

    @Test
    void rangesAndTupleFieldsAreNotFloats() {
        assertThat(types("1..3")).isEqualTo("INT DOT_DOT INT EOF");
        assertThat(types("1..=3")).isEqualTo("INT DOT_DOT_EQ INT EOF");
        assertThat(types("t.0.1")).isEqualTo("IDENT DOT INT DOT INT EOF");
        assertThat(types("t.0.1.2")).isEqualTo("IDENT DOT INT DOT INT DOT INT EOF");
        assertThat(types("1.abs()")).isEqualTo("INT DOT IDENT LPAREN RPAREN EOF");
        assertThat(types("x = 1.5")).isEqualTo("IDENT EQ FLOAT EOF");
    }

    @Test
    void integerLiteralTooLarge() {
        IonException e = lexError("let x =\n  9223372036854775808;");
        assertThat(e.getMessage()).isEqualTo("integer literal too large");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(3);
    }

    @Test
    void stringEscapes() {
        Token t = scan("\"a\\n\\t\\r\\\\\\\"\\{\\}\\u{48}\\u{1F600}\"").get(0);
        assertThat(t.type()).isEqualTo(TokenType.STRING);
        assertThat(t.value()).isEqualTo("a\n\t\r\\\"{}H\uD83D\uDE00");
        assertThat(scan("\"\"").get(0).value()).isEqualTo("");
    }

    @Test
    void invalidEscapesAreReportedWithPositions() {
        IonException e = lexError("let s = \"ab\\qc\";\nlet t = \"\\u{110000}\" + \"\\u{D800}\" + \"\\u{}\";");
        assertThat(e.getMessage()).isEqualTo("invalid escape '\\q' in string");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(12);
        assertThat(e.problems()).hasSize(4);
        assertThat(e.problems().get(1).message()).contains("not a Unicode scalar value");
        assertThat(e.problems().get(1).line()).isEqualTo(2);
        assertThat(e.problems().get(1).column()).isEqualTo(10);
        assertThat(e.problems().get(3).message()).contains("1 to 6 hex digits");
        assertThat(lexError("\"\\u{1234567}\"").getMessage()).contains("1 to 6 hex digits");
    }

    @Test
    void unterminatedLiterals() {
        IonException s = lexError("let a = 1;\nlet s = \"abc");
        assertThat(s.getMessage()).isEqualTo("unterminated string");
        assertThat(s.line()).isEqualTo(2);
        assertThat(s.column()).isEqualTo(9);
        assertThat(lexError("\"\"\"abc\"\"").getMessage()).isEqualTo("unterminated string");
        assertThat(lexError("f\"abc").getMessage()).isEqualTo("unterminated f-string");
        assertThat(lexError("f\"abc {x").getMessage()).isEqualTo("unterminated f-string");
        assertThat(lexError("f\"\"\"abc").getMessage()).isEqualTo("unterminated f-string");
        assertThat(lexError("b\"abc").getMessage()).isEqualTo("unterminated bytes literal");
    }

    @Test
    void tripleQuotedStrings() {
        assertThat(scan("\"\"\"\nline one\nline two\"\"\"").get(0).value()).isEqualTo("line one\nline two");
        assertThat(scan("\"\"\"a \"quoted\" \\t b\"\"\"").get(0).value()).isEqualTo("a \"quoted\" \t b");
        assertThat(scan("\"\"\"\"\"\"").get(0).value()).isEqualTo("");
        List<Token> ts = scan("\"\"\"\r\nx\"\"\" y");
        assertThat(ts.get(0).value()).isEqualTo("x");
        assertThat(ts.get(1).line()).isEqualTo(2);
    }

    @Test
    void bytesLiterals() {
        Token t = scan("b\"hi\\x00\\xfF\\n\\t\\r\\\\\\\"\\0\"").get(0);
        assertThat(t.type()).isEqualTo(TokenType.BYTES);
        assertThat((byte[]) t.value()).containsExactly('h', 'i', 0, 0xff, '\n', '\t', '\r', '\\', '"', 0);
        IonException e = lexError("b\"\\u{41}\"");
        assertThat(e.getMessage()).isEqualTo("invalid escape '\\u' in bytes literal");
        assertThat(lexError("b\"\\xZ1\"").getMessage()).contains("two hex digits");
    }

    @Test
    void fStringParts() {
        Token t = scan("f\"a {x + 1} b {{c}} \\{d\\}\"").get(0);
        assertThat(t.type()).isEqualTo(TokenType.FSTRING);
        @SuppressWarnings("unchecked")
        List<FStringPart> parts = (List<FStringPart>) t.value();
        assertThat(parts).hasSize(3);
        assertThat(parts.get(0).text()).isEqualTo("a ");
        assertThat(parts.get(1).isExpression()).isTrue();
        assertThat(parts.get(1).source()).isEqualTo("x + 1");
        assertThat(parts.get(1).tokens()).extracting(Token::type)
                .containsExactly(TokenType.IDENT, TokenType.PLUS, TokenType.INT, TokenType.EOF);
        // embedded tokens carry their true positions
        assertThat(parts.get(1).tokens().get(0).column()).isEqualTo(6);
        assertThat(parts.get(1).tokens().get(0).offset()).isEqualTo(5);
        assertThat(parts.get(2).text()).isEqualTo(" b {c} {d}");
    }

    @Test
    void fStringExpressionsMayHoldStringsBracesAndNestedFStrings() {
        @SuppressWarnings("unchecked")
        List<FStringPart> parts = (List<FStringPart>) scan("f\"n {#{\"k\": \"}\"}[\"k\"]} {f\"{a}{\"}\"}\"} {g(|x| {x})}\"")
                .get(0).value();
        assertThat(parts).extracting(FStringPart::source).containsExactly(
                null, "#{\"k\": \"}\"}[\"k\"]", null, "f\"{a}{\"}\"}\"", null, "g(|x| {x})");
        Token nested = parts.get(3).tokens().get(0);
        assertThat(nested.type()).isEqualTo(TokenType.FSTRING);
        assertThat(nested.lexeme()).isEqualTo("f\"{a}{\"}\"}\"");
        // triple-quoted f-string spanning lines
        Token multi = scan("f\"\"\"\nx={x}\n\"\"\"").get(0);
        assertThat(multi.type()).isEqualTo(TokenType.FSTRING);
        @SuppressWarnings("unchecked")
        List<FStringPart> mp = (List<FStringPart>) multi.value();
        assertThat(mp.get(0).text()).isEqualTo("x=");
        assertThat(mp.get(1).line()).isEqualTo(2);
        assertThat(mp.get(2).text()).isEqualTo("\n");
    }

    @Test
    void loneClosingBraceInFString() {
        IonException e = lexError("f\"a}b\"");
        assertThat(e.getMessage()).contains("single '}'");
        assertThat(e.column()).isEqualTo(4);
    }

    @Test
    void labelsAndComments() {
        List<Token> ts = scan("'outer: for // a comment\n x // another");
        assertThat(ts).extracting(Token::type)
                .containsExactly(TokenType.LABEL, TokenType.COLON, TokenType.FOR, TokenType.IDENT, TokenType.EOF);
        assertThat(ts.get(0).value()).isEqualTo("outer");
        assertThat(ts.get(3).line()).isEqualTo(2);
        assertThat(lexError("' x").getMessage()).contains("label");
    }

    @Test
    void positionsAreOneBasedAndCountCodePoints() {
        List<Token> ts = scan("let x = 1;\n  \"\uD83D\uDE00\" + y");
        Token y = ts.get(ts.size() - 2);
        assertThat(y.lexeme()).isEqualTo("y");
        assertThat(y.line()).isEqualTo(2);
        assertThat(y.column()).isEqualTo(9); // the emoji is one column
        Token str = ts.get(5);
        assertThat(str.offset()).isEqualTo(13);
        assertThat(str.length()).isEqualTo(4);
        Token eof = ts.get(ts.size() - 1);
        assertThat(eof.type()).isEqualTo(TokenType.EOF);
        assertThat(eof.line()).isEqualTo(2);
        assertThat(eof.column()).isEqualTo(10);
    }

    @Test
    void unexpectedCharactersAreAllReported() {
        IonException e = lexError("a @ b\n  $ # c");
        assertThat(e.getMessage()).isEqualTo("unexpected character '@'");
        assertThat(e.problems()).extracting(IonException.Problem::line, IonException.Problem::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 3), org.assertj.core.groups.Tuple.tuple(2, 3),
                        org.assertj.core.groups.Tuple.tuple(2, 5));
        assertThatThrownBy(() -> Scanner.scan("é")).hasMessageContaining("unexpected character 'é'");
    }

    @Test
    void deeplyNestedFStringsNeverOverflow() {
        String src = "f\"{".repeat(100_000) + "1" + "}\"".repeat(100_000);
        IonException e = catchThrowableOfType(IonException.class, () -> Scanner.scan(src));
        assertThat(e.kind()).isEqualTo(ErrorKind.PARSE);
        assertThat(e.getMessage()).isEqualTo("nesting too deep (limit 1000)");
    }
}
