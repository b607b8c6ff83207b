package software.amazon.awssdk.regions;

import software.amazon.awssdk.regions.servicemetadata.DynamodbServiceMetadata;

/**
 * Replaces the AWS SDK's class of this name for a shorter cold start: the function's only AWS client is DynamoDB's.
 *
 * <p>The SDK's own (regions 2.31.66, generated) builds the metadata of every AWS service, about 390 classes, in its
 * static initializer, the first time any client is built: the client builder resolves its signing region through
 * {@link ServiceMetadata#of}, always ({@code AwsDefaultClientBuilder.resolveSigningRegion}, no option skips it). That
 * was 130 ms of CPU of a cold start here (async-profiler), most of it loading those classes. aws-sdk-java-v2 issue
 * 3664 reports it; its fix (pull request 3686, a lazy map) was not merged.
 *
 * <p>This one knows DynamoDB alone. Any other service gets what the SDK gives a service it does not know
 * ({@link ServiceMetadata#of}: {@code DefaultServiceMetadata}, signing in the client's region), which is right for a
 * regional service: a client of another service added to the function must be checked against this, or this class
 * removed. The Lambda package holds this class and not the SDK's (the shade plugin's filter on
 * {@code software.amazon.awssdk:regions}, {@code LambdaPackageIT} checks); on a class path, this module's classes
 * come first. {@code ServiceMetadataProviderTest} checks DynamoDB's metadata against the SDK's.
 */
public final class GeneratedServiceMetadataProvider implements ServiceMetadataProvider {

    private static final ServiceMetadata DYNAMODB = new DynamodbServiceMetadata();

    @Override
    public ServiceMetadata serviceMetadata(String endpointPrefix) {
        return "dynamodb".equals(endpointPrefix) ? DYNAMODB : null;
    }
}
