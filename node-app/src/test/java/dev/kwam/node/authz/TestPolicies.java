package dev.kwam.node.authz;

import dev.kwam.dsl.CompileOptions;
import dev.kwam.dsl.PolicyCompiler;
import dev.kwam.dsl.policy.Policy;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** The policies of src/test/resources/authz, compiled. */
public final class TestPolicies {
    private TestPolicies() {
    }

    public static Policy compile(String resource) throws IOException {
        try (InputStream in = TestPolicies.class.getResourceAsStream(resource)) {
            return PolicyCompiler.compile(resource, in.readAllBytes(), CompileOptions.standard()).policy().orElseThrow();
        }
    }

    /** The authorizer of {@code resource}, e.g. {@code /authz/grants.kwam}. */
    public static Authorizer authorizer(String resource) throws IOException {
        return Authorizer.of(Optional.of(compile(resource)), resource.substring(resource.lastIndexOf('/') + 1));
    }
}
