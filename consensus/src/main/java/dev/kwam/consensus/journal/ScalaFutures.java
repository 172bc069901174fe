package dev.kwam.consensus.journal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;

/**
 * The plugin API's Scala futures from Java stages, failing with the cause itself: a dependent stage wraps
 * its cause in a {@link CompletionException}, and Pekko would hand that wrapper to the entity instead of the
 * {@code ConsensusException} that names what happened.
 */
final class ScalaFutures {
    private ScalaFutures() {
    }

    static <T> Future<T> of(CompletionStage<T> stage) {
        CompletableFuture<T> plain = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            if (failure == null) {
                plain.complete(value);
            } else {
                Throwable cause = failure;
                while (cause instanceof CompletionException && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                plain.completeExceptionally(cause);
            }
        });
        return FutureConverters.asScala(plain);
    }
}
