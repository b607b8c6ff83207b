package dev.ism.function.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ism.schema.FieldErrors;
import dev.ism.schema.Status;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The query options of a create (BEHAVIOUR.md section 1, step 5), checked before the body is read:
 * {@code dryRun} (every value {@code All}) and {@code fieldManager} (at most 128 bytes, printable).
 */
public record CreateOptions(boolean dryRun, String fieldManager) {

    static final int FIELD_MANAGER_MAX_BYTES = 128;

    public static CreateOptions parse(List<String> dryRun, List<String> fieldManager) {
        FieldErrors errs = new FieldErrors();
        for (String v : dryRun) {
            if (!v.equals("All")) {
                ArrayNode values = JsonNodeFactory.instance.arrayNode();
                dryRun.forEach(values::add);
                errs.notSupported("dryRun", values, List.of("All"));
                break;
            }
        }
        String manager = fieldManager.isEmpty() ? "" : fieldManager.get(0);
        if (manager.getBytes(StandardCharsets.UTF_8).length > FIELD_MANAGER_MAX_BYTES) {
            errs.tooLong("fieldManager", FIELD_MANAGER_MAX_BYTES);
        }
        manager.codePoints().filter(cp -> !isPrint(cp)).forEach(cp ->
                errs.add("FieldValueInvalid", "Invalid value: " + quote(manager) + ": invalid characters: " + goRune(cp),
                        "fieldManager"));
        if (!errs.isEmpty()) {
            throw new ApiException(Status.invalid("meta.k8s.io", "CreateOptions", "", errs.causes()));
        }
        return new CreateOptions(!dryRun.isEmpty(), manager);
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }

    private static String goRune(int cp) {
        if (cp < 0x80) {
            return String.format("'\\x%02x'", cp);
        }
        return cp <= 0xFFFF ? String.format("'\\u%04x'", cp) : String.format("'\\U%08x'", cp);
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\') {
                b.append('\\').appendCodePoint(cp);
            } else if (isPrint(cp)) {
                b.appendCodePoint(cp);
            } else {
                b.append(goRune(cp), 1, goRune(cp).length() - 1);
            }
        });
        return b.append('"').toString();
    }
}
