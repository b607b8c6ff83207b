package dev.ism.function.support;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every item of a table, for tests that prove what was, or was not, written. No main code scans. */
public final class TableItems {

    private TableItems() {
    }

    /** All pages, read consistently. */
    public static List<Map<String, AttributeValue>> scanAll(DynamoDbClient client, String table) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        client.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(out::add);
        return out;
    }
}
