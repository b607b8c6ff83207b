package dev.ism.function.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The printer rules of OpenShift's {@code oc get is}: tag order and width, repository choice, human durations. */
class ImageStreamTableTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");

    private static JsonNode tags(String... tagAndCreated) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < tagAndCreated.length; i += 2) {
            if (i > 0) {
                s.append(',');
            }
            s.append("{\"tag\":\"").append(tagAndCreated[i]).append("\",\"items\":");
            s.append(tagAndCreated[i + 1] == null ? "[]" : "[{\"created\":\"" + tagAndCreated[i + 1] + "\"}]").append('}');
        }
        try {
            return JSON.readTree(s.append(']').toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void tagsNewestFirstThenThoseWithoutEvents() {
        assertEquals("b,a,c", ImageStreamTable.tags(tags("a", "2026-01-01T00:00:00Z", "b", "2026-01-02T00:00:00Z", "c", null)));
    }

    @Test
    void tagsCutAtTheWidthWithACount() {
        // 9 tags of 9 characters: 4 fit in 40 (10 each with the comma), a fifth would end 10 past it (over the margin)
        String[] t = new String[18];
        for (int i = 0; i < 9; i++) {
            t[2 * i] = "version-" + i;
            t[2 * i + 1] = "2026-01-0" + (i + 1) + "T00:00:00Z";
        }
        assertEquals("version-8,version-7,version-6,version-5 + 5 more...", ImageStreamTable.tags(tags(t)));
        // one tag wider than the width is still shown
        String wide = "x".repeat(50);
        assertEquals(wide + " + 1 more...", ImageStreamTable.tags(tags(wide, "2026-01-02T00:00:00Z", "b", "2026-01-01T00:00:00Z")));
    }

    @Test
    void humanDurationsAsDocker() {
        assertEquals("Less than a second", ImageStreamTable.humanDuration(Duration.ofMillis(500)));
        assertEquals("1 second", ImageStreamTable.humanDuration(Duration.ofSeconds(1)));
        assertEquals("59 seconds", ImageStreamTable.humanDuration(Duration.ofSeconds(59)));
        assertEquals("About a minute", ImageStreamTable.humanDuration(Duration.ofSeconds(119)));
        assertEquals("59 minutes", ImageStreamTable.humanDuration(Duration.ofMinutes(59)));
        assertEquals("About an hour", ImageStreamTable.humanDuration(Duration.ofMinutes(89)));
        assertEquals("2 hours", ImageStreamTable.humanDuration(Duration.ofMinutes(91)));
        assertEquals("47 hours", ImageStreamTable.humanDuration(Duration.ofHours(47)));
        assertEquals("13 days", ImageStreamTable.humanDuration(Duration.ofDays(13)));
        assertEquals("8 weeks", ImageStreamTable.humanDuration(Duration.ofDays(59)));
        assertEquals("23 months", ImageStreamTable.humanDuration(Duration.ofDays(700)));
        assertEquals("2 years", ImageStreamTable.humanDuration(Duration.ofDays(800)));
    }

    @Test
    void rowCellsAndRepositoryChoice() throws Exception {
        JsonNode stream = JSON.readTree("{\"metadata\":{\"name\":\"ruby\",\"namespace\":\"ns\"},"
                + "\"spec\":{\"dockerImageRepository\":\"quay.io/x/ruby\"},"
                + "\"status\":{\"dockerImageRepository\":\"registry.local/ns/ruby\",\"tags\":"
                + tags("latest", "2026-01-10T11:55:00Z") + "}}");
        JsonNode row = ImageStreamTable.of(List.of(stream), "7", NOW).at("/rows/0");
        assertEquals("[\"ruby\",\"quay.io/x/ruby\",\"latest\",\"5 minutes ago\"]", row.path("cells").toString());
        assertEquals("ns", row.at("/object/metadata/namespace").asText());
        JsonNode published = JSON.readTree("{\"metadata\":{\"name\":\"ruby\"},\"status\":{\"dockerImageRepository\":\"a\","
                + "\"publicDockerImageRepository\":\"public.example/ns/ruby\"}}");
        assertEquals("public.example/ns/ruby", ImageStreamTable.of(List.of(published), null, NOW).at("/rows/0/cells/1").asText());
    }
}
