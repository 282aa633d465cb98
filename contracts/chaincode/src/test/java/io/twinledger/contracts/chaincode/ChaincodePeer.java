package io.twinledger.contracts.chaincode;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.queryresult.KV;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeGrpc;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.DelState;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.GetStateByRange;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.QueryResultBytes;
import org.hyperledger.fabric.protos.peer.QueryStateClose;
import org.hyperledger.fabric.protos.peer.QueryStateNext;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * Plays a Fabric peer towards a chaincode server over real gRPC, with the chaincode support
 * protocol: it opens the {@code Chaincode/Connect} stream as a peer does for
 * chaincode-as-a-service, answers {@code REGISTER} with {@code REGISTERED} and {@code READY}, sends
 * each transaction as a signed proposal in a {@code TRANSACTION} message and serves the chaincode's
 * {@code GET_STATE}, {@code PUT_STATE}, {@code DEL_STATE}, {@code GET_STATE_BY_RANGE}, {@code
 * QUERY_STATE_NEXT} and {@code QUERY_STATE_CLOSE} until {@code COMPLETED} or {@code ERROR}.
 *
 * <p>Fabric semantics: simulation reads only committed state (no read-your-writes) and records the
 * version of every key read; writes go to the transaction's write set. {@link #commit} validates
 * like a committing peer: a failed endorsement changes nothing, a key read at a version that has
 * changed since is an MVCC read conflict, otherwise the write set is applied and the chaincode
 * event delivered. Range queries are answered in pages of {@value #PAGE} to exercise paging; their
 * phantom-read check is left out. One transaction at a time.
 */
public final class ChaincodePeer implements AutoCloseable {

  /** The channel every transaction is sent on. */
  public static final String CHANNEL = "twinledger";

  private static final int PAGE = 2;
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ManagedChannel channel;
  private final StreamObserver<ChaincodeMessage> toChaincode;
  private final BlockingQueue<Object> fromChaincode;
  private final String chaincodeName;
  private final TreeMap<String, Versioned> committed = new TreeMap<>();
  private final List<ChaincodeEvent> events = new ArrayList<>();
  private long version;

  /** A committed value and the commit that wrote it. */
  private record Versioned(byte[] value, long version) {}

  private ChaincodePeer(
      ManagedChannel channel,
      StreamObserver<ChaincodeMessage> toChaincode,
      BlockingQueue<Object> fromChaincode,
      String chaincodeName) {
    this.channel = channel;
    this.toChaincode = toChaincode;
    this.fromChaincode = fromChaincode;
    this.chaincodeName = chaincodeName;
  }

  /** Connects to the chaincode server at {@code host:port} and completes the handshake. */
  public static ChaincodePeer connect(String host, int port) {
    ManagedChannel channel = NettyChannelBuilder.forAddress(host, port).usePlaintext().build();
    BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    StreamObserver<ChaincodeMessage> outbox =
        ChaincodeGrpc.newStub(channel)
            .connect(
                new StreamObserver<>() {
                  @Override
                  public void onNext(ChaincodeMessage message) {
                    inbox.add(message);
                  }

                  @Override
                  public void onError(Throwable t) {
                    inbox.add(t);
                  }

                  @Override
                  public void onCompleted() {
                    inbox.add(new IllegalStateException("the chaincode closed the stream"));
                  }
                });
    ChaincodeMessage register = take(inbox);
    if (register.getType() != Type.REGISTER) {
      throw new IllegalStateException("expected REGISTER, got " + register.getType());
    }
    String name;
    try {
      name = ChaincodeID.parseFrom(register.getPayload()).getName();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("REGISTER without a chaincode id", e);
    }
    outbox.onNext(ChaincodeMessage.newBuilder().setType(Type.REGISTERED).build());
    outbox.onNext(ChaincodeMessage.newBuilder().setType(Type.READY).build());
    return new ChaincodePeer(channel, outbox, inbox, name);
  }

  /** The chaincode id the chaincode registered with ({@code CORE_CHAINCODE_ID_NAME}). */
  public String chaincodeName() {
    return chaincodeName;
  }

  /** Simulates a transaction: the chaincode runs against committed state; nothing is applied. */
  public Endorsement endorse(TestIdentity creator, String function, String... args) {
    byte[] nonce = new byte[24];
    RANDOM.nextBytes(nonce);
    ByteString creatorBytes = creator.serialized();
    String txId = txId(nonce, creatorBytes);
    ChaincodeInput input = input(function, args);
    Instant now = Instant.now();
    ChannelHeader channelHeader =
        ChannelHeader.newBuilder()
            .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
            .setChannelId(CHANNEL)
            .setTxId(txId)
            .setTimestamp(
                Timestamp.newBuilder()
                    .setSeconds(now.getEpochSecond())
                    .setNanos(now.getNano())
                    .build())
            .build();
    SignatureHeader signatureHeader =
        SignatureHeader.newBuilder()
            .setCreator(creatorBytes)
            .setNonce(ByteString.copyFrom(nonce))
            .build();
    ChaincodeProposalPayload payload =
        ChaincodeProposalPayload.newBuilder()
            .setInput(
                ChaincodeInvocationSpec.newBuilder()
                    .setChaincodeSpec(
                        ChaincodeSpec.newBuilder()
                            .setChaincodeId(ChaincodeID.newBuilder().setName(chaincodeName))
                            .setInput(input))
                    .build()
                    .toByteString())
            .build();
    ByteString proposal =
        Proposal.newBuilder()
            .setHeader(
                Header.newBuilder()
                    .setChannelHeader(channelHeader.toByteString())
                    .setSignatureHeader(signatureHeader.toByteString())
                    .build()
                    .toByteString())
            .setPayload(payload.toByteString())
            .build()
            .toByteString();
    SignedProposal signed =
        SignedProposal.newBuilder()
            .setProposalBytes(proposal)
            .setSignature(ByteString.copyFrom(creator.sign(proposal.toByteArray())))
            .build();
    toChaincode.onNext(
        ChaincodeMessage.newBuilder()
            .setType(Type.TRANSACTION)
            .setTxid(txId)
            .setChannelId(CHANNEL)
            .setPayload(input.toByteString())
            .setProposal(signed)
            .build());
    return simulate(txId);
  }

  /** Validates and commits an endorsed transaction, as a committing peer does. */
  public Validation commit(Endorsement endorsement) {
    if (endorsement.response().getStatus() >= 400) {
      return Validation.ENDORSEMENT_FAILURE;
    }
    for (Map.Entry<String, Long> read : endorsement.reads().entrySet()) {
      Versioned now = committed.get(read.getKey());
      long current = now == null ? 0 : now.version();
      if (current != read.getValue()) {
        return Validation.MVCC_READ_CONFLICT;
      }
    }
    version++;
    endorsement
        .writes()
        .forEach(
            (key, value) -> {
              if (value.isPresent()) {
                committed.put(key, new Versioned(value.get(), version));
              } else {
                committed.remove(key);
              }
            });
    endorsement.event().ifPresent(events::add);
    return Validation.VALID;
  }

  /** Endorses and commits, the way a client's {@code submitTransaction} does. */
  public Submitted submit(TestIdentity creator, String function, String... args) {
    Endorsement endorsement = endorse(creator, function, args);
    return new Submitted(endorsement, commit(endorsement));
  }

  /** The committed value of {@code key}. */
  public Optional<byte[]> state(String key) {
    return Optional.ofNullable(committed.get(key)).map(Versioned::value);
  }

  /** The number of committed keys. */
  public int stateSize() {
    return committed.size();
  }

  /** The chaincode events of committed transactions, in commit order. */
  public List<ChaincodeEvent> events() {
    return List.copyOf(events);
  }

  @Override
  public void close() throws InterruptedException {
    toChaincode.onCompleted();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private Endorsement simulate(String txId) {
    Map<String, Long> reads = new LinkedHashMap<>();
    Map<String, Optional<byte[]>> writes = new LinkedHashMap<>();
    Map<String, RangeQuery> queries = new HashMap<>();
    while (true) {
      ChaincodeMessage message = take(fromChaincode);
      if (!message.getTxid().equals(txId)) {
        throw new IllegalStateException("a message for another transaction: " + message);
      }
      try {
        switch (message.getType()) {
          case GET_STATE -> {
            String key = GetState.parseFrom(message.getPayload()).getKey();
            Versioned value = committed.get(key);
            reads.putIfAbsent(key, value == null ? 0 : value.version());
            respond(message, value == null ? ByteString.EMPTY : ByteString.copyFrom(value.value()));
          }
          case PUT_STATE -> {
            PutState put = PutState.parseFrom(message.getPayload());
            writes.put(put.getKey(), Optional.of(put.getValue().toByteArray()));
            respond(message, ByteString.EMPTY);
          }
          case DEL_STATE -> {
            writes.put(DelState.parseFrom(message.getPayload()).getKey(), Optional.empty());
            respond(message, ByteString.EMPTY);
          }
          case GET_STATE_BY_RANGE -> {
            GetStateByRange range = GetStateByRange.parseFrom(message.getPayload());
            String id = txId + "#" + queries.size();
            RangeQuery query = new RangeQuery(id, matching(range.getStartKey(), range.getEndKey()));
            queries.put(id, query);
            respond(message, query.nextPage().toByteString());
          }
          case QUERY_STATE_NEXT -> {
            RangeQuery query = queries.get(QueryStateNext.parseFrom(message.getPayload()).getId());
            respond(message, query.nextPage().toByteString());
          }
          case QUERY_STATE_CLOSE -> {
            queries.remove(QueryStateClose.parseFrom(message.getPayload()).getId());
            respond(message, QueryResponse.getDefaultInstance().toByteString());
          }
          case COMPLETED -> {
            ChaincodeEvent event = message.hasChaincodeEvent() ? message.getChaincodeEvent() : null;
            return new Endorsement(
                txId,
                Response.parseFrom(message.getPayload()),
                reads,
                writes,
                Optional.ofNullable(event).filter(e -> !e.getEventName().isEmpty()));
          }
          case ERROR ->
          // The chaincode failed outside the contract's own error handling.
          {
            return new Endorsement(
                txId,
                Response.newBuilder()
                    .setStatus(500)
                    .setMessage(message.getPayload().toStringUtf8())
                    .build(),
                reads,
                writes,
                Optional.empty());
          }
          default ->
              toChaincode.onNext(
                  ChaincodeMessage.newBuilder()
                      .setType(Type.ERROR)
                      .setTxid(txId)
                      .setChannelId(message.getChannelId())
                      .setPayload(
                          ByteString.copyFromUtf8(
                              message.getType() + " is not served by the test peer"))
                      .build());
        }
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("unreadable " + message.getType(), e);
      }
    }
  }

  /** Committed keys in {@code [start, end)}; an empty end is unbounded, as on a Fabric peer. */
  private List<KV> matching(String start, String end) {
    var keys = end.isEmpty() ? committed.tailMap(start, true) : committed.subMap(start, end);
    List<KV> kvs = new ArrayList<>();
    keys.forEach(
        (key, value) ->
            kvs.add(
                KV.newBuilder()
                    .setNamespace(chaincodeName)
                    .setKey(key)
                    .setValue(ByteString.copyFrom(value.value()))
                    .build()));
    return kvs;
  }

  private void respond(ChaincodeMessage request, ByteString payload) {
    toChaincode.onNext(
        ChaincodeMessage.newBuilder()
            .setType(Type.RESPONSE)
            .setTxid(request.getTxid())
            .setChannelId(request.getChannelId())
            .setPayload(payload)
            .build());
  }

  private static ChaincodeInput input(String function, String... args) {
    ChaincodeInput.Builder input =
        ChaincodeInput.newBuilder().addArgs(ByteString.copyFromUtf8(function));
    Arrays.stream(args).map(ByteString::copyFromUtf8).forEach(input::addArgs);
    return input.build();
  }

  /** hex(SHA-256(nonce ‖ creator)), as Fabric computes transaction ids. */
  private static String txId(byte[] nonce, ByteString creator) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(nonce);
      sha.update(creator.toByteArray());
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ChaincodeMessage take(BlockingQueue<Object> inbox) {
    Object next;
    try {
      next = inbox.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the chaincode", e);
    }
    return switch (next) {
      case null -> throw new IllegalStateException("the chaincode did not answer in " + TIMEOUT);
      case ChaincodeMessage message -> message;
      case Throwable t -> throw new IllegalStateException("the chaincode stream failed", t);
      default -> throw new IllegalStateException("unexpected " + next);
    };
  }

  /** An open range query: its results, handed out a page at a time. */
  private static final class RangeQuery {
    private final String id;
    private final List<KV> results;
    private int next;

    RangeQuery(String id, List<KV> results) {
      this.id = id;
      this.results = results;
    }

    QueryResponse nextPage() {
      int end = Math.min(next + PAGE, results.size());
      QueryResponse.Builder page = QueryResponse.newBuilder().setId(id);
      results
          .subList(next, end)
          .forEach(
              kv ->
                  page.addResults(QueryResultBytes.newBuilder().setResultBytes(kv.toByteString())));
      next = end;
      return page.setHasMore(next < results.size()).build();
    }
  }

  /** How a committing peer judged a transaction. */
  public enum Validation {
    VALID,
    ENDORSEMENT_FAILURE,
    MVCC_READ_CONFLICT
  }

  /**
   * A simulated transaction: the chaincode's response, the versions of the keys it read and what it
   * would write (an empty value deletes).
   */
  public record Endorsement(
      String txId,
      Response response,
      Map<String, Long> reads,
      Map<String, Optional<byte[]>> writes,
      Optional<ChaincodeEvent> event) {

    public int status() {
      return response.getStatus();
    }

    public String message() {
      return response.getMessage();
    }

    /** The response payload as UTF-8: the result, or the error code of a refusal. */
    public String payload() {
      return response.getPayload().toString(StandardCharsets.UTF_8);
    }
  }

  /** A submitted transaction: its endorsement and how it was validated. */
  public record Submitted(Endorsement endorsement, Validation validation) {

    public int status() {
      return endorsement.status();
    }

    public String payload() {
      return endorsement.payload();
    }

    public String message() {
      return endorsement.message();
    }
  }
}
