package dev.kwam.hud;

import java.time.Clock;
import java.time.Instant;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/** How every HUD endpoint answers: JSON, labelled records, and errors that say what, why and how to fix. */
final class Answers {
    private final Clock clock;

    Answers(Clock clock) {
        this.clock = clock;
    }

    static void labels(Json json, Source source, Instant observedAt) {
        json.field("source", source.name()).field("observed_at", observedAt.toString());
    }

    static HttpResponse ok(String body) {
        return HttpResponse.create().withStatus(200).withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body));
    }

    HttpResponse error(int status, String what, String fix) {
        Json json = new Json().beginObject().field("error", what).field("fix", fix);
        labels(json, Source.UNAVAILABLE, clock.instant());
        return HttpResponse.create().withStatus(status)
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, json.endObject().toString()));
    }

    /** Reads a request's parameters into a query, or says why it cannot. */
    @FunctionalInterface
    interface QueryParser<Q> {
        Q parse(java.util.Map<String, java.util.List<String>> params) throws BadQuery;
    }

    /** {@code answer} to the query {@code parser} reads from {@code params}; 400 with the fix when it cannot. */
    <Q> java.util.concurrent.CompletionStage<HttpResponse> withQuery(QueryParser<Q> parser, java.util.Map<String, java.util.List<String>> params,
            java.util.function.Function<Q, java.util.concurrent.CompletionStage<HttpResponse>> answer) {
        Q query;
        try {
            query = parser.parse(params);
        } catch (BadQuery bad) {
            return java.util.concurrent.CompletableFuture.completedFuture(error(400, bad.getMessage(), bad.fix()));
        }
        return answer.apply(query);
    }

    HttpResponse unreadable(String what, Throwable failure) {
        return error(503, what + " could not be read: " + rootMessage(failure),
                "the node may be starting or leaving its cluster; try again shortly");
    }

    Instant now() {
        return clock.instant();
    }

    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
