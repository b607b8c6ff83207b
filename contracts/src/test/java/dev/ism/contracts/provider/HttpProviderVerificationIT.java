package dev.ism.contracts.provider;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.TestTarget;
import dev.ism.function.support.Api;

/** Every interaction over HTTP, against the function's local Netty server. */
class HttpProviderVerificationIT extends ProviderVerification {

    @Override
    TestTarget target(Api api) {
        return new HttpTestTarget(api.url().getHost(), api.url().getPort(), "/");
    }

    @Override
    String way() {
        return "http";
    }
}
