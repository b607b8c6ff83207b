package dev.ism.contracts.provider;

import au.com.dius.pact.provider.junit5.TestTarget;
import dev.ism.function.support.Api;

/** Every interaction through the Lambda handler, as API Gateway HTTP API (payload 2.0) events. */
class LambdaV2ProviderVerificationIT extends ProviderVerification {

    @Override
    TestTarget target(Api api) {
        return new LambdaTestTarget(api.context(), LambdaTestTarget.Payload.V2);
    }

    @Override
    String way() {
        return "lambda-v2";
    }
}
