package dev.coffer.provider.aws;

import dev.coffer.provider.StoreContext;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The aws provider's credentials and SDK clients for a one-off use of an aws auth block outside a
 * store: the STS and ECR generators. The block ({@code region}, {@code auth}, {@code role}) goes
 * through the same credential chain as a store's (static keys, IRSA or the default chain, then
 * the role) and the same client settings (endpoint variables, retries, API-call metrics).
 * Closing it closes every client it made.
 */
public final class AwsSession implements AutoCloseable {

    private final AwsClients clients;
    private final AwsCredentialChain chain;
    private final String region;
    private final List<AutoCloseable> owned = new ArrayList<>();

    private AwsSession(AwsClients clients, AwsCredentialChain chain, String region) {
        this.clients = clients;
        this.chain = chain;
        this.region = region;
    }

    /** @param store a store whose {@code spec.provider.aws} holds the region, auth and role to use */
    public static AwsSession open(StoreContext store, AwsOptions options) {
        String region = store.spec().provider.aws.region;
        AwsClients clients = new AwsClients(options, region);
        try {
            return new AwsSession(clients, new AwsCredentialChain(store, clients), region);
        } catch (RuntimeException e) {
            clients.close();
            throw e;
        }
    }

    public StsClient sts() {
        return own(clients.sts(chain.provider()));
    }

    public EcrClient ecr() {
        return own(clients.ecr(chain.provider()));
    }

    /**
     * Runs one AWS call; a failure becomes a typed error naming the operation, the subject and
     * AWS's error code, never AWS's text.
     */
    public <T> T call(String operation, String subject, Supplier<T> call) {
        return AwsErrors.guard(operation, subject, region, call);
    }

    private <T extends AutoCloseable> T own(T client) {
        owned.add(client);
        return client;
    }

    @Override
    public void close() {
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort: nothing here holds a value
            }
        }
        chain.close();
        clients.close();
    }
}
