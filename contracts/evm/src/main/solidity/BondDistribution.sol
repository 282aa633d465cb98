// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

interface IBondToken {
    function agent() external view returns (address);
    function holderIdOf(address account) external view returns (bytes32);
    function balanceOfAt(address account, uint256 blockNumber) external view returns (uint256);
    function totalSupplyAt(uint256 blockNumber) external view returns (uint256);
}

interface IERC20 {
    function transfer(address to, uint256 value) external returns (bool);
    function transferFrom(address from, address to, uint256 value) external returns (bool);
}

/**
 * @title BondDistribution
 * @notice Pays a bond's payments in a cash token to the holders of its BondToken at a record
 * block, by the payout allocation rule of the bond terms (the books' PayoutAllocation):
 *
 *   1. each holder gets floor(A * u / T) minor units (A the amount, u the holder's units at the
 *      record block, T the total supply then);
 *   2. the minor units left over go one each to the holders with the largest remainders
 *      r = A * u mod T;
 *   3. equal remainders are served smaller holder id first.
 *
 * Step 2 and 3 need a sort, which does not fit a chain; so the agent, who computed the allocation
 * off chain, declares the cut of that order: the (remainder, holder id) of the last holder that
 * gets a leftover unit. A holder gets one unit more than floor when r > thresholdRemainder, or
 * r == thresholdRemainder and holderId <= thresholdHolderId (holder ids compare as numbers, see
 * BondToken). With no leftover, the threshold is (T, 0), which no remainder reaches.
 *
 * Each holder is then paid in O(1), in batches of any size, each at most once per payment
 * (a payout that stopped halfway resumes by paying the rest). close() checks that the units paid
 * are the whole supply at the record block and that exactly A was paid; a forged threshold pays
 * too much (payBatch reverts with Overpaid before the cash of other payments is touched) or too
 * little (close reverts with AmountMismatch), so it cannot complete.
 */
contract BondDistribution {
    struct Payment {
        uint64 recordBlock;
        bool recorded;
        bool declared;
        bool closed;
        uint256 amount;
        uint256 totalUnits;
        uint256 thresholdRemainder;
        bytes32 thresholdHolderId;
        uint256 paidAmount;
        uint256 paidUnits;
        uint256 paidHolders;
    }

    IBondToken public immutable token;
    IERC20 public immutable cash;
    address public immutable agent;

    mapping(bytes32 => Payment) private _payments;
    mapping(bytes32 => mapping(address => bool)) public paid;

    event RecordDateSet(bytes32 indexed paymentId, uint256 recordBlock);
    event Declared(
        bytes32 indexed paymentId,
        uint256 amount,
        uint256 totalUnits,
        uint256 thresholdRemainder,
        bytes32 thresholdHolderId
    );
    event Paid(bytes32 indexed paymentId, address indexed holder, bytes32 holderId, uint256 units, uint256 amount);
    event Closed(bytes32 indexed paymentId, uint256 amount, uint256 holders);

    error NotAgent(address caller);
    error RecordDateNotSet(bytes32 paymentId);
    error AlreadyDeclared(bytes32 paymentId);
    error NotDeclared(bytes32 paymentId);
    error AlreadyClosed(bytes32 paymentId);
    error NoUnits(bytes32 paymentId);
    error Overpaid(bytes32 paymentId, address holder, uint256 wouldPay, uint256 amount);
    error HoldersUnpaid(bytes32 paymentId, uint256 paidUnits, uint256 totalUnits);
    error AmountMismatch(bytes32 paymentId, uint256 paidAmount, uint256 amount);

    modifier onlyAgent() {
        if (msg.sender != agent) revert NotAgent(msg.sender);
        _;
    }

    constructor(IBondToken token_, IERC20 cash_) {
        token = token_;
        cash = cash_;
        agent = msg.sender;
    }

    /// @notice Fixes the record date of `paymentId` to the end of the block before this
    /// transaction's: a block already complete, so nothing later changes the balances it records.
    /// Once fixed it stays.
    function recordDate(bytes32 paymentId) external onlyAgent {
        Payment storage p = _payments[paymentId];
        if (p.recorded) return;
        p.recorded = true;
        p.recordBlock = uint64(block.number - 1);
        emit RecordDateSet(paymentId, block.number - 1);
    }

    /// @notice Declares the payment and takes `amount` of cash from the agent (approve it first).
    function declare(bytes32 paymentId, uint256 amount, uint256 thresholdRemainder, bytes32 thresholdHolderId)
        external
        onlyAgent
    {
        Payment storage p = _payments[paymentId];
        if (!p.recorded) revert RecordDateNotSet(paymentId);
        if (p.declared) revert AlreadyDeclared(paymentId);
        uint256 total = token.totalSupplyAt(p.recordBlock);
        if (total == 0) revert NoUnits(paymentId);
        p.declared = true;
        p.amount = amount;
        p.totalUnits = total;
        p.thresholdRemainder = thresholdRemainder;
        p.thresholdHolderId = thresholdHolderId;
        emit Declared(paymentId, amount, total, thresholdRemainder, thresholdHolderId);
        cash.transferFrom(msg.sender, address(this), amount);
    }

    /// @notice Pays each of `holders` its share once; holders already paid, or without units at the
    /// record block, are passed over. Anyone may call it: the shares follow from the declaration.
    function payBatch(bytes32 paymentId, address[] calldata holders) external {
        Payment storage p = _payments[paymentId];
        if (!p.declared) revert NotDeclared(paymentId);
        if (p.closed) revert AlreadyClosed(paymentId);
        mapping(address => bool) storage done = paid[paymentId];
        for (uint256 i = 0; i < holders.length; i++) {
            address holder = holders[i];
            if (done[holder]) continue;
            uint256 units = token.balanceOfAt(holder, p.recordBlock);
            if (units == 0) continue;
            bytes32 holderId = token.holderIdOf(holder);
            uint256 share = shareOf(p, units, holderId);
            if (p.paidAmount + share > p.amount) revert Overpaid(paymentId, holder, share, p.amount);
            done[holder] = true;
            p.paidAmount += share;
            p.paidUnits += units;
            p.paidHolders += 1;
            emit Paid(paymentId, holder, holderId, units, share);
            cash.transfer(holder, share);
        }
    }

    /// @notice Completes the payment: every unit of the record block paid, and exactly the amount.
    function close(bytes32 paymentId) external {
        Payment storage p = _payments[paymentId];
        if (!p.declared) revert NotDeclared(paymentId);
        if (p.closed) revert AlreadyClosed(paymentId);
        if (p.paidUnits != p.totalUnits) revert HoldersUnpaid(paymentId, p.paidUnits, p.totalUnits);
        if (p.paidAmount != p.amount) revert AmountMismatch(paymentId, p.paidAmount, p.amount);
        p.closed = true;
        emit Closed(paymentId, p.amount, p.paidHolders);
    }

    function paymentOf(bytes32 paymentId) external view returns (Payment memory) {
        return _payments[paymentId];
    }

    function shareOf(Payment storage p, uint256 units, bytes32 holderId) private view returns (uint256) {
        uint256 product = p.amount * units;
        uint256 remainder = product % p.totalUnits;
        bool leftover = remainder > p.thresholdRemainder
            || (remainder == p.thresholdRemainder && uint256(holderId) <= uint256(p.thresholdHolderId));
        return product / p.totalUnits + (leftover ? 1 : 0);
    }
}
