package dev.ism.function.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ism.schema.FieldErrors;
import dev.ism.schema.FieldValidation;
import dev.ism.schema.Status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The query options of a create (BEHAVIOUR.md section 1, step 5), checked before the body is read:
 * {@code dryRun} (every value {@code All}), {@code fieldManager} (at most 128 bytes, printable) and
 * {@code fieldValidation} ({@code Ignore}, {@code Warn}, {@code Strict}; absent or empty: {@code Warn}).
 */
public record CreateOptions(boolean dryRun, String fieldManager, FieldValidation fieldValidation) {

    static final int FIELD_MANAGER_MAX_BYTES = 128;

    /** Options with the default field validation, {@code Warn}. */
    public CreateOptions(boolean dryRun, String fieldManager) {
        this(dryRun, fieldManager, FieldValidation.WARN);
    }

    public static CreateOptions parse(List<String> dryRun, List<String> fieldManager) {
        return parse(dryRun, fieldManager, List.of());
    }

    public static CreateOptions parse(List<String> dryRun, List<String> fieldManager, List<String> fieldValidation) {
        // As ValidateCreateOptions reports them: fieldManager first (too long, then one cause per
        // unprintable rune), then dryRun, then fieldValidation.
        List<Status.Cause> causes = new ArrayList<>();
        String manager = fieldManager.isEmpty() ? "" : fieldManager.get(0);
        if (manager.getBytes(StandardCharsets.UTF_8).length > FIELD_MANAGER_MAX_BYTES) {
            causes.add(new Status.Cause("FieldValueTooLong",
                    "Too long: may not be more than " + FIELD_MANAGER_MAX_BYTES + " bytes", "fieldManager"));
        }
        int position = 0; // in bytes, as Go's range over a string counts
        for (int i = 0; i < manager.length(); ) {
            int cp = manager.codePointAt(i);
            if (!isPrint(cp)) {
                causes.add(new Status.Cause("FieldValueInvalid", "Invalid value: " + quote(manager)
                        + ": invalid character " + String.format("U+%04X", cp) + " (at position " + position + ")",
                        "fieldManager"));
            }
            position += new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            i += Character.charCount(cp);
        }
        for (String v : dryRun) {
            if (!v.equals("All")) {
                ArrayNode values = JsonNodeFactory.instance.arrayNode();
                dryRun.forEach(values::add);
                FieldErrors errs = new FieldErrors();
                errs.notSupported("dryRun", values, List.of("All"));
                causes.addAll(errs.causes());
                break;
            }
        }
        String validation = fieldValidation.isEmpty() ? "" : fieldValidation.get(0);
        Optional<FieldValidation> mode = FieldValidation.parse(validation);
        if (mode.isEmpty()) {
            FieldErrors errs = new FieldErrors();
            errs.notSupported("fieldValidation", JsonNodeFactory.instance.textNode(validation), FieldValidation.VALUES);
            causes.addAll(errs.causes());
        }
        if (!causes.isEmpty()) {
            throw new ApiException(Status.invalid("meta.k8s.io", "CreateOptions", "", causes));
        }
        return new CreateOptions(!dryRun.isEmpty(), manager, mode.get());
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

    /** A rune as Go's {@code strconv.Quote} escapes it inside a string. */
    private static String goEscape(int cp) {
        switch (cp) {
            case 0x07: return "\\a";
            case 0x08: return "\\b";
            case 0x0C: return "\\f";
            case 0x0A: return "\\n";
            case 0x0D: return "\\r";
            case 0x09: return "\\t";
            case 0x0B: return "\\v";
            default:
                if (cp < 0x20 || cp == 0x7F) {
                    return String.format("\\x%02x", cp);
                }
                return cp <= 0xFFFF ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp);
        }
    }

    /** Go's {@code %q} of a string: printable runes as they are, others escaped. */
    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\') {
                b.append('\\').appendCodePoint(cp);
            } else if (isPrint(cp)) {
                b.appendCodePoint(cp);
            } else {
                b.append(goEscape(cp));
            }
        });
        return b.append('"').toString();
    }
}
