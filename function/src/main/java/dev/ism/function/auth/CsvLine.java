package dev.ism.function.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * One CSV record on one line, as Go's {@code encoding/csv} reads kube-apiserver's token file
 * ({@code TrimLeadingSpace = true}, no lazy quotes): fields separated by commas, a field may be
 * quoted with {@code "} and a quote inside it doubled. Fields may not span lines.
 */
final class CsvLine {

    private CsvLine() {
    }

    /** @throws IllegalArgumentException with the reason when the line is not valid CSV */
    static List<String> parse(String line) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            StringBuilder field = new StringBuilder();
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("unterminated quoted field");
                    }
                    char c = line.charAt(i++);
                    if (c != '"') {
                        field.append(c);
                    } else if (i < n && line.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        break;
                    }
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("extraneous or missing \" in quoted field");
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        throw new IllegalArgumentException("bare \" in non-quoted field");
                    }
                    field.append(c);
                }
            }
            fields.add(field.toString());
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }
}
