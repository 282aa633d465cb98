// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/**
 * @title BondToken
 * @notice A permissioned bond token: an ERC-20 in whole units (decimals 0) that only registered
 * holders hold, after the parts of ERC-3643 its users rely on: a holder registry, freeze per
 * address, pause, forced transfer, mint and burn by the issuer's agent, and a canTransfer
 * pre-check that names the rule a transfer would break.
 *
 * Balances and the total supply are kept as checkpoints by block (as OpenZeppelin's Votes
 * checkpoints), so a record date resolves to one block: balanceOfAt(account, b) is the balance at
 * the end of block b, for any b already mined.
 *
 * Holder ids: the registry names each address by a bytes32 holder id, the ASCII id of the books
 * left-aligned and zero-padded, so that comparing ids as numbers orders them as the books'
 * String.compareTo does (ids of at most 32 ASCII bytes, without NUL).
 */
contract BondToken {
    /// canTransfer reason codes; the Java side names them (EvmRefusals).
    uint8 public constant OK = 0;
    uint8 public constant PAUSED = 1;
    uint8 public constant SENDER_NOT_REGISTERED = 2;
    uint8 public constant RECEIVER_NOT_REGISTERED = 3;
    uint8 public constant SENDER_FROZEN = 4;
    uint8 public constant RECEIVER_FROZEN = 5;
    uint8 public constant INSUFFICIENT_BALANCE = 6;

    struct Checkpoint {
        uint64 fromBlock;
        uint192 value;
    }

    string public name;
    string public symbol;
    uint8 public constant decimals = 0;
    address public immutable agent;
    bool public paused;

    mapping(address => Checkpoint[]) private _balances;
    Checkpoint[] private _supply;
    mapping(address => mapping(address => uint256)) private _allowances;

    mapping(address => bytes32) public holderIdOf;
    mapping(bytes32 => address) public addressOf;
    mapping(address => bool) public frozen;
    mapping(bytes32 => bool) public issued;
    address[] private _holders;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    event HolderRegistered(address indexed account, bytes32 indexed holderId);
    event Frozen(address indexed account, bool frozen);
    event Paused(bool paused);
    event ForcedTransfer(address indexed from, address indexed to, uint256 value, string reason);

    error NotAgent(address caller);
    error TransferRefused(uint8 reason);
    error HolderIdInvalid(address account);
    error HolderIdTaken(bytes32 holderId, address account);
    error LengthMismatch(uint256 accounts, uint256 values);
    error BlockNotYetMined(uint256 blockNumber, uint256 current);
    error AllowanceExceeded(address spender, uint256 allowance, uint256 value);

    modifier onlyAgent() {
        if (msg.sender != agent) revert NotAgent(msg.sender);
        _;
    }

    constructor(string memory name_, string memory symbol_) {
        name = name_;
        symbol = symbol_;
        agent = msg.sender;
    }

    // ---- ERC-20 ----

    function totalSupply() external view returns (uint256) {
        return _latest(_supply);
    }

    function balanceOf(address account) public view returns (uint256) {
        return _latest(_balances[account]);
    }

    function allowance(address owner, address spender) external view returns (uint256) {
        return _allowances[owner][spender];
    }

    function approve(address spender, uint256 value) external returns (bool) {
        _allowances[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    function transfer(address to, uint256 value) external returns (bool) {
        _checkedTransfer(msg.sender, to, value);
        return true;
    }

    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        uint256 allowed = _allowances[from][msg.sender];
        if (allowed < value) revert AllowanceExceeded(msg.sender, allowed, value);
        _allowances[from][msg.sender] = allowed - value;
        _checkedTransfer(from, to, value);
        return true;
    }

    /// @notice The rule a transfer of `value` from `from` to `to` would break, OK (0) if none.
    function canTransfer(address from, address to, uint256 value) public view returns (uint8) {
        if (paused) return PAUSED;
        if (holderIdOf[from] == bytes32(0)) return SENDER_NOT_REGISTERED;
        if (holderIdOf[to] == bytes32(0)) return RECEIVER_NOT_REGISTERED;
        if (frozen[from]) return SENDER_FROZEN;
        if (frozen[to]) return RECEIVER_FROZEN;
        if (balanceOf(from) < value) return INSUFFICIENT_BALANCE;
        return OK;
    }

    // ---- record dates ----

    /// @notice The balance of `account` at the end of block `blockNumber`, a block already mined.
    function balanceOfAt(address account, uint256 blockNumber) public view returns (uint256) {
        _requireMined(blockNumber);
        return _valueAt(_balances[account], blockNumber);
    }

    /// @notice The total supply at the end of block `blockNumber`, a block already mined.
    function totalSupplyAt(uint256 blockNumber) external view returns (uint256) {
        _requireMined(blockNumber);
        return _valueAt(_supply, blockNumber);
    }

    /// @notice balanceOf for many accounts in one call.
    function balancesOf(address[] calldata accounts) external view returns (uint256[] memory values) {
        values = new uint256[](accounts.length);
        for (uint256 i = 0; i < accounts.length; i++) {
            values[i] = balanceOf(accounts[i]);
        }
    }

    /// @notice balanceOfAt for many accounts in one call.
    function balancesOfAt(address[] calldata accounts, uint256 blockNumber)
        external
        view
        returns (uint256[] memory values)
    {
        values = new uint256[](accounts.length);
        for (uint256 i = 0; i < accounts.length; i++) {
            values[i] = balanceOfAt(accounts[i], blockNumber);
        }
    }

    // ---- holder registry ----

    function holderCount() external view returns (uint256) {
        return _holders.length;
    }

    /// @notice Registered holders `start` to `start + count` (fewer at the end), in order of registration.
    function holders(uint256 start, uint256 count)
        external
        view
        returns (address[] memory accounts, bytes32[] memory ids)
    {
        uint256 end = start + count > _holders.length ? _holders.length : start + count;
        uint256 n = end > start ? end - start : 0;
        accounts = new address[](n);
        ids = new bytes32[](n);
        for (uint256 i = 0; i < n; i++) {
            accounts[i] = _holders[start + i];
            ids[i] = holderIdOf[accounts[i]];
        }
    }

    /// @notice Admits holders (KYC passed). Idempotent: an address already registered under the
    /// same id is kept; an id or address registered otherwise reverts with HolderIdTaken.
    function registerHolders(address[] calldata accounts, bytes32[] calldata ids) external onlyAgent {
        if (accounts.length != ids.length) revert LengthMismatch(accounts.length, ids.length);
        for (uint256 i = 0; i < accounts.length; i++) {
            address account = accounts[i];
            bytes32 id = ids[i];
            if (id == bytes32(0) || account == address(0)) revert HolderIdInvalid(account);
            if (holderIdOf[account] == id && addressOf[id] == account) continue;
            if (holderIdOf[account] != bytes32(0) || addressOf[id] != address(0)) {
                revert HolderIdTaken(id, account);
            }
            holderIdOf[account] = id;
            addressOf[id] = account;
            _holders.push(account);
            emit HolderRegistered(account, id);
        }
    }

    function setFrozen(address account, bool isFrozen) external onlyAgent {
        frozen[account] = isFrozen;
        emit Frozen(account, isFrozen);
    }

    function setPaused(bool isPaused) external onlyAgent {
        paused = isPaused;
        emit Paused(isPaused);
    }

    // ---- agent operations ----

    /// @notice Mints to registered, unfrozen holders, once per `issuanceId`: a repeated call with
    /// an id already issued does nothing, so an issuer that crashed halfway repeats it safely.
    function mintBatch(bytes32 issuanceId, address[] calldata accounts, uint256[] calldata values)
        external
        onlyAgent
    {
        if (accounts.length != values.length) revert LengthMismatch(accounts.length, values.length);
        if (issued[issuanceId]) return;
        issued[issuanceId] = true;
        uint256 minted = 0;
        for (uint256 i = 0; i < accounts.length; i++) {
            address to = accounts[i];
            if (holderIdOf[to] == bytes32(0)) revert TransferRefused(RECEIVER_NOT_REGISTERED);
            if (frozen[to]) revert TransferRefused(RECEIVER_FROZEN);
            _push(_balances[to], balanceOf(to) + values[i]);
            minted += values[i];
            emit Transfer(address(0), to, values[i]);
        }
        _push(_supply, _latest(_supply) + minted);
    }

    function burn(address from, uint256 value) external onlyAgent {
        uint256 balance = balanceOf(from);
        if (balance < value) revert TransferRefused(INSUFFICIENT_BALANCE);
        _push(_balances[from], balance - value);
        _push(_supply, _latest(_supply) - value);
        emit Transfer(from, address(0), value);
    }

    /// @notice Moves units by the agent whatever the sender wants (lost keys, court orders): the
    /// sender's freeze and the pause do not apply; the receiver must be registered and unfrozen.
    function forcedTransfer(address from, address to, uint256 value, string calldata reason) external onlyAgent {
        if (holderIdOf[to] == bytes32(0)) revert TransferRefused(RECEIVER_NOT_REGISTERED);
        if (frozen[to]) revert TransferRefused(RECEIVER_FROZEN);
        if (balanceOf(from) < value) revert TransferRefused(INSUFFICIENT_BALANCE);
        _move(from, to, value);
        emit ForcedTransfer(from, to, value, reason);
    }

    // ---- internals ----

    function _checkedTransfer(address from, address to, uint256 value) private {
        uint8 reason = canTransfer(from, to, value);
        if (reason != OK) revert TransferRefused(reason);
        _move(from, to, value);
    }

    function _move(address from, address to, uint256 value) private {
        _push(_balances[from], balanceOf(from) - value);
        _push(_balances[to], balanceOf(to) + value);
        emit Transfer(from, to, value);
    }

    function _requireMined(uint256 blockNumber) private view {
        if (blockNumber >= block.number) revert BlockNotYetMined(blockNumber, block.number);
    }

    function _latest(Checkpoint[] storage ckpts) private view returns (uint256) {
        uint256 n = ckpts.length;
        return n == 0 ? 0 : ckpts[n - 1].value;
    }

    /// Sets the value from this block on: the block's last write wins.
    function _push(Checkpoint[] storage ckpts, uint256 value) private {
        uint256 n = ckpts.length;
        if (n > 0 && ckpts[n - 1].fromBlock == block.number) {
            ckpts[n - 1].value = uint192(value);
        } else {
            ckpts.push(Checkpoint(uint64(block.number), uint192(value)));
        }
    }

    /// The value of the last checkpoint at or before `blockNumber`, by binary search.
    function _valueAt(Checkpoint[] storage ckpts, uint256 blockNumber) private view returns (uint256) {
        uint256 low = 0;
        uint256 high = ckpts.length;
        while (low < high) {
            uint256 mid = (low + high) / 2;
            if (ckpts[mid].fromBlock > blockNumber) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return high == 0 ? 0 : ckpts[high - 1].value;
    }
}
