package io.twinledger.contracts;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Property;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * What a TwinLedger contract says about itself: its name, title, version and description from its
 * {@link Contract} and {@link Info} annotations, and the transaction functions it has today. Read
 * from the class, so it cannot drift from the code.
 *
 * @param name the contract's name on the channel
 * @param title the {@link Info} title
 * @param version the {@link Info} version
 * @param description the {@link Info} description
 * @param transactions the names of its {@link Transaction} functions, sorted
 */
@DataType
public record ContractDescription(
    @Property String name,
    @Property String title,
    @Property String version,
    @Property String description,
    @Property String[] transactions) {

  /**
   * The description of {@code contract}.
   *
   * @throws IllegalArgumentException if the class is not annotated {@link Contract}
   */
  public static ContractDescription of(Class<?> contract) {
    Contract annotation = contract.getAnnotation(Contract.class);
    if (annotation == null) {
      throw new IllegalArgumentException(contract.getName() + " is not a @Contract");
    }
    Info info = annotation.info();
    String[] transactions =
        Arrays.stream(contract.getDeclaredMethods())
            .filter(method -> method.isAnnotationPresent(Transaction.class))
            .map(ContractDescription::transactionName)
            .sorted()
            .toArray(String[]::new);
    return new ContractDescription(
        annotation.name().isEmpty() ? contract.getSimpleName() : annotation.name(),
        info.title(),
        info.version(),
        info.description(),
        transactions);
  }

  private static String transactionName(Method method) {
    String name = method.getAnnotation(Transaction.class).name();
    return name.isEmpty() ? method.getName() : name;
  }
}
