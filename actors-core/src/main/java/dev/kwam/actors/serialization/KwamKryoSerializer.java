package dev.kwam.actors.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.serializers.OptionalSerializers;
import com.esotericsoftware.kryo.util.Pool;
import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.JSerializer;

/**
 * KWAM's Pekko serializer for every {@code KwamSerializable} message: Kryo with registration
 * required, so only classes listed with a stable id can be written or read — a peer cannot make a
 * node instantiate an arbitrary class. Kryo instances are not thread-safe; a pool hands one to each
 * call. The wire form is Kryo's class id followed by the object, so no manifest is needed.
 */
public final class KwamKryoSerializer extends JSerializer {
    /** Pekko reserves 0–40; this is KWAM's, and must never change once nodes talk to each other. */
    public static final int IDENTIFIER = 4_115_271;
    private static final int POOL_SIZE = 32;
    private static final int BUFFER_LIMIT = 64 << 20;

    private final Pool<Kryo> pool;

    public KwamKryoSerializer(ExtendedActorSystem system) {
        ClassLoader loader = system.dynamicAccess().classLoader();
        KryoRegistrations registrations = KryoRegistrations.from(system.settings().config(), loader);
        ActorRefResolver resolver = ActorRefResolver.get(Adapter.toTyped(system));
        this.pool = new Pool<>(true, false, POOL_SIZE) {
            @Override
            protected Kryo create() {
                return newKryo(loader, registrations, resolver);
            }
        };
    }

    static Kryo newKryo(ClassLoader loader, KryoRegistrations registrations, ActorRefResolver resolver) {
        Kryo kryo = new Kryo();
        kryo.setClassLoader(loader);
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        ImmutableCollectionsSerializers.addDefaultSerializers(kryo);
        OptionalSerializers.addDefaultSerializers(kryo);
        kryo.register(byte[].class, 100);
        kryo.register(Cid.class, new CidKryoSerializer(), 101);
        kryo.register(CodecSpec.ReedSolomonSpec.class, 102);
        kryo.register(CodecSpec.LrcSpec.class, 103);
        ActorRefKryoSerializer refs = new ActorRefKryoSerializer(resolver);
        kryo.addDefaultSerializer(org.apache.pekko.actor.typed.ActorRef.class, refs);
        kryo.register(typedActorRefClass(loader), refs, 104);
        kryo.register(List.of().getClass(), 110);
        kryo.register(List.of(1).getClass(), 111);
        kryo.register(Set.of().getClass(), 112);
        kryo.register(Set.of(1).getClass(), 113);
        kryo.register(Map.of().getClass(), 114);
        kryo.register(Map.of(1, 1).getClass(), 115);
        kryo.register(Optional.class, 116);
        kryo.register(Duration.class, 117);
        kryo.register(Instant.class, 118);
        kryo.register(String[].class, 119);
        kryo.register(long[].class, 120);
        kryo.register(int[].class, 121);
        for (KryoRegistrations.Registration r : registrations.entries()) {
            kryo.register(r.type(), r.id());
        }
        return kryo;
    }

    /** Every typed reference on the classic runtime, local or remote, is this adapter class. */
    private static Class<?> typedActorRefClass(ClassLoader loader) {
        String name = "org.apache.pekko.actor.typed.internal.adapter.ActorRefAdapter";
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is missing: this Pekko version is not the one KWAM was built for", e);
        }
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public boolean includeManifest() {
        return false;
    }

    @Override
    public byte[] toBinary(Object o) {
        Kryo kryo = pool.obtain();
        try (Output out = new Output(256, BUFFER_LIMIT)) {
            kryo.writeClassAndObject(out, o);
            return out.toBytes();
        } catch (KryoException | IllegalArgumentException e) {
            // Kryo reports an unregistered class as IllegalArgumentException, other failures as KryoException.
            throw new IllegalArgumentException("cannot serialize " + o.getClass().getName() + ": " + e.getMessage()
                    + " (register every message class and the classes it contains under "
                    + KryoRegistrations.PATH + ")", e);
        } finally {
            pool.free(kryo);
        }
    }

    @Override
    public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
        Kryo kryo = pool.obtain();
        try (Input in = new Input(bytes)) {
            Object o = kryo.readClassAndObject(in);
            if (in.position() != bytes.length) {
                throw new IllegalArgumentException("refusing a malformed message: " + (bytes.length - in.position())
                        + " trailing bytes after a " + (o == null ? "null" : o.getClass().getName()));
            }
            return o;
        } catch (KryoException e) {
            // Pekko's Scala API declares no checked exceptions; remoting logs and drops what fails here.
            throw new IllegalArgumentException("refusing a message that does not decode: " + e.getMessage(), e);
        } finally {
            pool.free(kryo);
        }
    }
}
