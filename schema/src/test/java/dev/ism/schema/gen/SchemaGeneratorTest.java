package dev.ism.schema.gen;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SchemaGeneratorTest {

    @Test
    void committedSchemaIsTheGeneratorsOutput() throws Exception {
        String expected = SchemaGenerator.generateFromSource();
        if (Boolean.getBoolean("schema.regenerate")) {
            Files.writeString(SchemaGenerator.TARGET, expected, StandardCharsets.UTF_8);
        }
        String committed = Files.readString(SchemaGenerator.TARGET, StandardCharsets.UTF_8);
        assertEquals(expected, committed,
                "the committed schema is stale: mvn -pl schema test -Dtest=SchemaGeneratorTest -Dschema.regenerate=true");
    }
}
