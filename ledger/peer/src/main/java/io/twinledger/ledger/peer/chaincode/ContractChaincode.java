package io.twinledger.ledger.peer.chaincode;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Serializer;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.contract.execution.ExecutionFactory;
import org.hyperledger.fabric.contract.execution.ExecutionService;
import org.hyperledger.fabric.contract.execution.InvocationRequest;
import org.hyperledger.fabric.contract.execution.JSONTransactionSerializer;
import org.hyperledger.fabric.contract.execution.SerializerInterface;
import org.hyperledger.fabric.contract.metadata.MetadataBuilder;
import org.hyperledger.fabric.contract.routing.ContractDefinition;
import org.hyperledger.fabric.contract.routing.TxFunction;
import org.hyperledger.fabric.contract.routing.TypeRegistry;
import org.hyperledger.fabric.contract.routing.impl.RoutingRegistryImpl;
import org.hyperledger.fabric.contract.routing.impl.SerializerRegistryImpl;
import org.hyperledger.fabric.contract.systemcontract.SystemContract;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ResponseUtils;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Contract chaincode routed the way the shim's {@code ContractRouter} routes it: {@code
 * "Contract:function"} (or a default contract's bare function name) to the {@code @Transaction}
 * method, arguments and results through the JSON transaction serializer, {@code
 * ChaincodeException}s as error responses with their message and payload, anything else as
 * "Unexpected error".
 *
 * <p>Unlike {@code ContractRouter}, the contracts are named explicitly instead of found by scanning
 * the class path (a scan of this application's class path takes seconds and would pick up every
 * contract on it), and nothing is served or reconfigured in {@code java.util.logging}.
 *
 * <p>The shim's system contract is included: {@code org.hyperledger.fabric:GetMetadata} answers
 * with the metadata of this chaincode's contracts only, and of the data types they use. The shim
 * keeps metadata and data types in JVM-wide registries, which every chaincode in the JVM adds to,
 * so its own {@code GetMetadata} would list the contracts of every other chaincode as well, which
 * this one does not serve.
 */
public final class ContractChaincode implements Chaincode {

  private static final String SYSTEM_CONTRACT = "org.hyperledger.fabric";
  private static final String GET_METADATA = "GetMetadata";
  private static final String SCHEMA_REFERENCE = "#/components/schemas/";

  private final RoutingRegistryImpl registry = new RoutingRegistryImpl();
  private final ExecutionService executor;
  private final byte[] metadata;

  private ContractChaincode(
      List<Class<? extends ContractInterface>> contracts, List<Class<?>> dataTypes) {
    TypeRegistry types = TypeRegistry.getRegistry();
    dataTypes.forEach(types::addDataType);
    register(SystemContract.class);
    List<String> names = contracts.stream().map(this::register).toList();
    synchronized (MetadataBuilder.class) {
      MetadataBuilder.initialize(registry, types);
      metadata = ownMetadata(new JSONObject(MetadataBuilder.getMetadata()), names);
    }
    executor = ExecutionFactory.getInstance().createExecutionService(new JsonSerializers());
  }

  /**
   * Chaincode made of the given contract classes.
   *
   * @param contracts classes annotated {@code @Contract} implementing {@link ContractInterface}
   * @param dataTypes classes annotated {@code @DataType} that transactions take or return
   */
  public static ContractChaincode of(
      List<Class<? extends ContractInterface>> contracts, List<Class<?>> dataTypes) {
    for (Class<? extends ContractInterface> contract : contracts) {
      if (contract.getAnnotation(Contract.class) == null) {
        throw new IllegalArgumentException(contract.getName() + " is not annotated @Contract");
      }
    }
    return new ContractChaincode(List.copyOf(contracts), List.copyOf(dataTypes));
  }

  @Override
  public Response init(ChaincodeStub stub) {
    return invoke(stub);
  }

  @Override
  @SuppressWarnings("PMD.AvoidCatchingGenericException")
  public Response invoke(ChaincodeStub stub) {
    try {
      if (stub.getStringArgs().isEmpty()) {
        return ResponseUtils.newSuccessResponse();
      }
      InvocationRequest request = ExecutionFactory.getInstance().createRequest(stub);
      if (SYSTEM_CONTRACT.equals(request.getNamespace())
          && GET_METADATA.equals(request.getMethod())) {
        return ResponseUtils.newSuccessResponse(metadata);
      }
      TxFunction function =
          registry.containsRoute(request)
              ? registry.getTxFn(request)
              : registry.getContract(request.getNamespace()).getUnknownRoute();
      return executor.executeRequest(function, request, stub);
    } catch (Throwable failure) {
      // The shim's router turns every failure into an error response; so does this one.
      return ResponseUtils.newErrorResponse(failure);
    }
  }

  /**
   * The shim's metadata of every contract in the JVM, cut down to this chaincode's: its contracts
   * and the system contract, the data types their transactions refer to (and those refer to), and
   * the description of its first contract as the chaincode's.
   *
   * @param contracts the names of this chaincode's contracts, in order
   */
  private byte[] ownMetadata(JSONObject everyContract, List<String> contracts) {
    JSONObject all = everyContract.getJSONObject("contracts");
    JSONObject own = new JSONObject();
    for (ContractDefinition definition : registry.getAllDefinitions()) {
      own.put(definition.getName(), all.getJSONObject(definition.getName()));
    }
    JSONObject schemas = everyContract.getJSONObject("components").getJSONObject("schemas");
    JSONObject used = new JSONObject();
    Deque<Object> pending = new ArrayDeque<>(List.of(own));
    while (!pending.isEmpty()) {
      for (String name : referencedSchemas(pending.pop())) {
        if (!used.has(name) && schemas.has(name)) {
          used.put(name, schemas.get(name));
          pending.push(schemas.get(name));
        }
      }
    }
    JSONObject metadata = new JSONObject(everyContract.toMap());
    metadata.put("contracts", own);
    metadata.put("components", new JSONObject().put("schemas", used));
    if (!contracts.isEmpty() && own.getJSONObject(contracts.getFirst()).has("info")) {
      metadata.put("info", own.getJSONObject(contracts.getFirst()).get("info"));
    }
    return metadata.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The names of the schemas {@code json} refers to with {@code $ref}, at any depth. */
  private static Set<String> referencedSchemas(Object json) {
    Set<String> names = new HashSet<>();
    if (json instanceof JSONObject object) {
      for (String key : object.keySet()) {
        Object value = object.get(key);
        if ("$ref".equals(key) && value instanceof String ref && ref.startsWith(SCHEMA_REFERENCE)) {
          names.add(ref.substring(SCHEMA_REFERENCE.length()));
        } else {
          names.addAll(referencedSchemas(value));
        }
      }
    } else if (json instanceof JSONArray array) {
      for (Object value : array) {
        names.addAll(referencedSchemas(value));
      }
    }
    return names;
  }

  /** Registers the contract's {@code @Transaction} methods; returns its contract name. */
  @SuppressWarnings("unchecked")
  private String register(Class<? extends ContractInterface> contract) {
    ContractDefinition definition =
        registry.addNewContract((Class<ContractInterface>) (Class<?>) contract);
    for (Method method : contract.getMethods()) {
      if (method.getAnnotation(Transaction.class) != null) {
        definition.addTxFunction(method);
      }
    }
    return definition.getName();
  }

  /** The JSON transaction serializer under its default name, without a class-path scan. */
  private static final class JsonSerializers extends SerializerRegistryImpl {
    private static final String JSON = JSONTransactionSerializer.class.getName();
    private final SerializerInterface json = new JSONTransactionSerializer();

    @Override
    public SerializerInterface getSerializer(String name, Serializer.TARGET target) {
      if (!JSON.equals(name) || target != Serializer.TARGET.TRANSACTION) {
        throw new IllegalArgumentException(
            "Only the JSON transaction serializer is available, not " + name);
      }
      return json;
    }
  }
}
