package io.twinledger.ledger.peer.chaincode;

import java.lang.reflect.Method;
import java.util.List;
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

/**
 * Contract chaincode routed the way the shim's {@code ContractRouter} routes it: {@code
 * "Contract:function"} (or a default contract's bare function name) to the {@code @Transaction}
 * method, arguments and results through the JSON transaction serializer, {@code
 * ChaincodeException}s as error responses with their message and payload, anything else as
 * "Unexpected error".
 *
 * <p>Unlike {@code ContractRouter}, the contracts are named explicitly instead of found by scanning
 * the class path (a scan of this application's class path takes seconds and would pick up every
 * contract on it), and nothing is served or reconfigured in {@code java.util.logging}. The shim's
 * system contract ({@code org.hyperledger.fabric:GetMetadata}) is included. The shim keeps data
 * types and metadata in JVM-wide registries, which all instances share.
 */
public final class ContractChaincode implements Chaincode {

  private final RoutingRegistryImpl registry = new RoutingRegistryImpl();
  private final ExecutionService executor;

  private ContractChaincode(
      List<Class<? extends ContractInterface>> contracts, List<Class<?>> dataTypes) {
    TypeRegistry types = TypeRegistry.getRegistry();
    dataTypes.forEach(types::addDataType);
    register(SystemContract.class);
    contracts.forEach(this::register);
    synchronized (MetadataBuilder.class) {
      MetadataBuilder.initialize(registry, types);
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

  @SuppressWarnings("unchecked")
  private void register(Class<? extends ContractInterface> contract) {
    ContractDefinition definition =
        registry.addNewContract((Class<ContractInterface>) (Class<?>) contract);
    for (Method method : contract.getMethods()) {
      if (method.getAnnotation(Transaction.class) != null) {
        definition.addTxFunction(method);
      }
    }
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
