package dev.ism.function.store;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.GeneratedServiceMetadataProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.DynamodbServiceMetadata;

import java.net.URL;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The function's replacement of the SDK's service metadata provider (see the class): it is the one loaded, and it gives
 * DynamoDB the SDK's own metadata, so a client signs and finds its endpoint as with the SDK's provider.
 */
class ServiceMetadataProviderTest {

    @Test
    void theFunctionsProviderIsTheOneLoaded() {
        URL from = GeneratedServiceMetadataProvider.class.getProtectionDomain().getCodeSource().getLocation();
        assertTrue(from.getPath().contains("/function/target/classes"), from.toString());
    }

    @Test
    void dynamoDbHasTheSdksMetadata() {
        ServiceMetadata ours = ServiceMetadata.of("dynamodb");
        DynamodbServiceMetadata sdk = new DynamodbServiceMetadata();
        assertTrue(ours instanceof DynamodbServiceMetadata);
        for (Region region : List.of(Region.US_EAST_1, Region.EU_WEST_1, Region.AP_SOUTHEAST_2, Region.US_GOV_WEST_1,
                Region.CN_NORTH_1, Region.of("us-iso-east-1"), Region.of("local"))) {
            assertEquals(sdk.signingRegion(region), ours.signingRegion(region), region.id());
            assertEquals(sdk.endpointFor(region), ours.endpointFor(region), region.id());
        }
        assertEquals(sdk.regions(), ours.regions());
    }

    @Test
    void otherServicesAreUnknownAndSignInTheirRegion() {
        assertNull(new GeneratedServiceMetadataProvider().serviceMetadata("s3"));
        ServiceMetadata sqs = ServiceMetadata.of("sqs");
        assertNotNull(sqs);
        assertEquals(Region.EU_WEST_1, sqs.signingRegion(Region.EU_WEST_1));
    }
}
