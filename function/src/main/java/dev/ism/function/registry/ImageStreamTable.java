package dev.ism.function.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * ImageStreams as a {@code meta.k8s.io/v1 Table}, with the columns OpenShift's printer gives them
 * ({@code oc get is}): NAME, IMAGE REPOSITORY (the public repository, else the status's, else the
 * spec's), TAGS (newest first, as many as fit in 40 characters, then {@code + N more...}) and UPDATED
 * (how long ago the newest tag event was created, in Docker's human durations). Each row carries the
 * stream's metadata as a {@code PartialObjectMetadata}, the API server's default {@code includeObject}.
 */
public final class ImageStreamTable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TAGS_WIDTH = 40;

    private ImageStreamTable() {
    }

    public static ObjectNode of(List<JsonNode> streams, String resourceVersion, Instant now) {
        ObjectNode table = JSON.createObjectNode();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        ObjectNode meta = table.putObject("metadata");
        if (resourceVersion != null) {
            meta.put("resourceVersion", resourceVersion);
        }
        ArrayNode columns = table.putArray("columnDefinitions");
        column(columns, "Name", "name", "Name must be unique within a namespace.");
        column(columns, "Image Repository", "", "The pull spec of the stream's images in a registry.");
        column(columns, "Tags", "", "Human readable list of tags.");
        column(columns, "Updated", "", "Last update time.");
        ArrayNode rows = table.putArray("rows");
        for (JsonNode stream : streams) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            cells.add(stream.path("metadata").path("name").asText(""));
            cells.add(repository(stream));
            cells.add(tags(stream.path("status").path("tags")));
            Instant latest = latest(stream.path("status").path("tags"));
            cells.add(latest == null ? "" : humanDuration(Duration.between(latest, now)) + " ago");
            ObjectNode object = row.putObject("object");
            object.put("kind", "PartialObjectMetadata");
            object.put("apiVersion", "meta.k8s.io/v1");
            object.set("metadata", stream.path("metadata").deepCopy());
        }
        return table;
    }

    private static void column(ArrayNode columns, String name, String format, String description) {
        columns.addObject().put("name", name).put("type", "string").put("format", format)
                .put("description", description).put("priority", 0);
    }

    private static String repository(JsonNode stream) {
        String repo = stream.path("spec").path("dockerImageRepository").asText("");
        if (repo.isEmpty()) {
            repo = stream.path("status").path("dockerImageRepository").asText("");
        }
        String publicRepo = stream.path("status").path("publicDockerImageRepository").asText("");
        return publicRepo.isEmpty() ? repo : publicRepo;
    }

    /** The tag names, newest first (tags without events last, by name), cut to the printer's width. */
    static String tags(JsonNode statusTags) {
        List<JsonNode> sorted = new ArrayList<>();
        statusTags.forEach(sorted::add);
        sorted.sort(Comparator.comparing((JsonNode t) -> created(t.path("items").path(0)),
                        Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(t -> t.path("tag").asText("")));
        List<String> names = new ArrayList<>();
        sorted.forEach(t -> names.add(t.path("tag").asText("")));
        int keep = names.size();
        int remaining = TAGS_WIDTH;
        for (int i = 0; i < names.size(); i++) {
            remaining -= names.get(i).length() + 1;
            if (remaining >= 0) {
                continue;
            }
            if (i == 0) {
                keep = 1;
                break;
            }
            // as the printer does: past the width, keep going while it stays within a quarter of it
            int margin = TAGS_WIDTH / 4;
            if (margin < remaining + names.get(i).length() && margin >= -remaining) {
                continue;
            }
            keep = i;
            break;
        }
        String shown = String.join(",", names.subList(0, keep));
        int hidden = names.size() - keep;
        return hidden > 0 ? shown + " + " + hidden + " more..." : shown;
    }

    private static Instant latest(JsonNode statusTags) {
        Instant latest = null;
        for (JsonNode t : statusTags) {
            Instant c = created(t.path("items").path(0));
            if (c != null && (latest == null || c.isAfter(latest))) {
                latest = c;
            }
        }
        return latest;
    }

    private static Instant created(JsonNode event) {
        String s = event.path("created").asText("");
        try {
            return s.isEmpty() ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Docker's {@code units.HumanDuration}, which the printer uses. */
    static String humanDuration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < 1) {
            return "Less than a second";
        } else if (seconds == 1) {
            return "1 second";
        } else if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = d.toMinutes();
        if (minutes == 1) {
            return "About a minute";
        } else if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = Math.round(seconds / 3600.0);
        if (hours == 1) {
            return "About an hour";
        } else if (hours < 48) {
            return hours + " hours";
        } else if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        } else if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return d.toHours() / 24 / 365 + " years";
    }
}
