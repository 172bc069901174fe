package dev.kwam.node.grpc;

import dev.kwam.node.grpc.v1.ErrorInfo;
import io.grpc.Status;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.grpc.GrpcServiceException;
import org.apache.pekko.grpc.javadsl.GrpcExceptionHandler;
import org.apache.pekko.grpc.javadsl.GrpcMarshalling;
import org.apache.pekko.grpc.javadsl.MetadataBuilder;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.util.ByteString;

/**
 * A gRPC call refused before it reaches the service: a PERMISSION_DENIED status in the protocol the client
 * negotiated (the same trailers-only answer pekko-grpc's generated handler gives a failed call), with a
 * {@code kwam.v1.ErrorInfo} whose code is {@code PERMISSION_DENIED} and whose one detail is the fix.
 */
public final class GrpcDenial {
    private GrpcDenial() {
    }

    public static CompletionStage<HttpResponse> permissionDenied(HttpRequest request, String message, String fix, ActorSystem<?> system) {
        ErrorInfo info = ErrorInfo.newBuilder().setCode(Status.Code.PERMISSION_DENIED.name())
                .setMessage(GrpcErrors.bounded(message, GrpcErrors.MAX_MESSAGE_CHARS))
                .addAllDetails(GrpcErrors.boundedDetails(List.of(fix))).build();
        GrpcServiceException denied = new GrpcServiceException(
                Status.PERMISSION_DENIED.withDescription(GrpcErrors.bounded(message, GrpcErrors.MAX_MESSAGE_CHARS)),
                new MetadataBuilder().addBinary(GrpcErrors.TRAILER, ByteString.fromArrayUnsafe(info.toByteArray())).build());
        return GrpcMarshalling.<HttpResponse>negotiated(request, (reader, writer) -> CompletableFuture.completedFuture(
                        GrpcExceptionHandler.standard(denied, classic -> GrpcErrors::trailers, writer, system)))
                .orElseGet(() -> CompletableFuture.completedFuture(HttpResponse.create().withStatus(StatusCodes.UNSUPPORTED_MEDIA_TYPE)));
    }
}
