package dev.ism.contracts.provider;

import au.com.dius.pact.provider.junit5.TestTarget;
import dev.ism.function.support.Api;

/** Every interaction through the Lambda handler, as API Gateway REST API (payload 1.0) events. */
class LambdaV1ProviderVerificationIT extends ProviderVerification {

    @Override
    TestTarget target(Api api) {
        return new LambdaTestTarget(api.context(), LambdaTestTarget.Payload.V1);
    }

    @Override
    String way() {
        return "lambda-v1";
    }
}
