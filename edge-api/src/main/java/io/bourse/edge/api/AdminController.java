package io.bourse.edge.api;

import io.bourse.avro.accounts.AccountEventType;
import io.bourse.avro.accounts.ApproveKycCommand;
import io.bourse.avro.accounts.KycStatus;
import io.bourse.avro.accounts.ReinstateAccountCommand;
import io.bourse.avro.accounts.RejectKycCommand;
import io.bourse.avro.accounts.SuspendAccountCommand;
import io.bourse.avro.common.InstrumentStatus;
import io.bourse.avro.instruments.Instrument;
import io.bourse.avro.orders.InstrumentAdminAction;
import io.bourse.avro.orders.InstrumentAdminCommand;
import io.bourse.avro.orders.TransferInSharesCommand;
import io.bourse.avro.portfolio.AccountSnapshot;
import io.bourse.edge.BourseProperties;
import io.bourse.edge.infra.Commands;
import io.bourse.edge.infra.StoreReads;
import io.bourse.edge.infra.TopologyRunner;
import io.bourse.schemas.catalogue.PortfolioNames;
import io.bourse.schemas.catalogue.UserIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** KYC review, account suspension, instruments and share transfers. ADMIN only. */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Admin")
public class AdminController {

    public record ReasonRequest(@NotBlank @Size(max = 200) String reason) {
    }

    public record InstrumentRequest(@NotNull @Pattern(regexp = "[A-Z0-9&-]{1,20}") String symbol,
            @NotBlank @Size(max = 100) String name, @Pattern(regexp = "[A-Z]{2}[A-Z0-9]{9}[0-9]") String isin,
            @NotNull @Pattern(regexp = "\\d{1,6}(\\.\\d{1,2})?") String tickSize,
            @NotNull @Positive Long lotSize, @NotNull @Positive Long minQuantity, @NotNull @Positive Long maxQuantity,
            @NotNull @Pattern(regexp = "\\d{1,13}(\\.\\d{1,2})?") String basePrice,
            @NotNull @Min(1) @Max(9_999) Integer priceBandBasisPoints,
            @Min(0) @Max(1_000) Integer makerFeeBasisPoints, @Min(0) @Max(1_000) Integer takerFeeBasisPoints) {
    }

    /** @param costPrice what each share cost its owner (rupees), for average cost and P&amp;L; optional */
    public record TransferRequest(@NotBlank @Size(max = 254) String email, @NotNull @Pattern(regexp = "[A-Z0-9&-]{1,20}") String symbol,
            @NotNull @Positive @Max(1_000_000_000L) Long quantity, @NotBlank @Size(max = 64) String reference,
            @Pattern(regexp = "\\d{1,13}(\\.\\d{1,2})?") String costPrice) {
    }

    private final Commands commands;
    private final StoreReads reads;
    private final BourseProperties properties;

    public AdminController(final Commands commands, final StoreReads reads, final BourseProperties properties) {
        this.commands = commands;
        this.reads = reads;
        this.properties = properties;
    }

    @GetMapping("/kyc/pending")
    @Operation(summary = "Accounts waiting for KYC review, gathered from every node")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = AccountController.AccountView.class))))
    public ResponseEntity<?> pending(final HttpServletRequest http) {
        return reads.allPartitions(TopologyRunner.PORTFOLIO, PortfolioNames.ACCOUNTS.name(), http, "userId", () -> {
            final List<AccountController.AccountView> result = new ArrayList<>();
            try (var all = reads.<AccountSnapshot>store(TopologyRunner.PORTFOLIO, PortfolioNames.ACCOUNTS.name()).all()) {
                all.forEachRemaining(kv -> {
                    if (kv.value.getKycStatus() == KycStatus.PENDING) {
                        result.add(AccountController.AccountView.of(kv.value));
                    }
                });
            }
            return result;
        });
    }

    @PostMapping("/kyc/{userId}/approve")
    public ResponseEntity<?> approve(@PathVariable @Size(max = 64) final String userId) {
        return AccountController.verdict(commands.account(userId, ApproveKycCommand.newBuilder().setAdminUserId(CurrentUser.id()).build(),
                properties.orders().placeWait()), AccountEventType.KYC_APPROVED);
    }

    @PostMapping("/kyc/{userId}/reject")
    public ResponseEntity<?> reject(@PathVariable @Size(max = 64) final String userId, @Valid @RequestBody final ReasonRequest request) {
        return AccountController.verdict(commands.account(userId, RejectKycCommand.newBuilder().setAdminUserId(CurrentUser.id())
                .setReason(request.reason()).build(), properties.orders().placeWait()), AccountEventType.KYC_REJECTED);
    }

    @PostMapping("/accounts/{userId}/suspend")
    public ResponseEntity<?> suspend(@PathVariable @Size(max = 64) final String userId, @Valid @RequestBody final ReasonRequest request) {
        return AccountController.verdict(commands.account(userId, SuspendAccountCommand.newBuilder().setAdminUserId(CurrentUser.id())
                .setReason(request.reason()).build(), properties.orders().placeWait()), AccountEventType.SUSPENDED);
    }

    @PostMapping("/accounts/{userId}/reinstate")
    public ResponseEntity<?> reinstate(@PathVariable @Size(max = 64) final String userId) {
        return AccountController.verdict(commands.account(userId, ReinstateAccountCommand.newBuilder().setAdminUserId(CurrentUser.id())
                .build(), properties.orders().placeWait()), AccountEventType.REINSTATED);
    }

    @PostMapping("/instruments")
    @Operation(summary = "Add an instrument or update its rules")
    public ResponseEntity<?> addInstrument(@Valid @RequestBody final InstrumentRequest r) {
        final Instrument instrument = Instrument.newBuilder().setSymbol(r.symbol()).setName(r.name()).setIsin(r.isin())
                .setTickSizePaise(Money.toPaise(r.tickSize(), "tickSize")).setLotSizeShares(r.lotSize())
                .setMinQuantityShares(r.minQuantity()).setMaxQuantityShares(r.maxQuantity())
                .setBasePricePaise(Money.toPaise(r.basePrice(), "basePrice")).setPriceBandBasisPoints(r.priceBandBasisPoints())
                .setMakerFeeBasisPoints(r.makerFeeBasisPoints()).setTakerFeeBasisPoints(r.takerFeeBasisPoints())
                .setStatus(InstrumentStatus.TRADING).setUpdatedAtMs(Instant.now()).build();
        if (r.minQuantity() > r.maxQuantity()) {
            throw ApiException.badRequest("INVALID_INSTRUMENT", "minQuantity must not exceed maxQuantity");
        }
        return instrumentAction(r.symbol(), InstrumentAdminAction.ADD, instrument, null);
    }

    @PostMapping("/instruments/{symbol}/{action}")
    @Operation(summary = "halt, resume or close-session")
    public ResponseEntity<?> instrument(@PathVariable @Pattern(regexp = "[A-Z0-9&-]{1,20}") final String symbol,
            @PathVariable @Pattern(regexp = "halt|resume|close-session") final String action) {
        final InstrumentAdminAction adminAction = switch (action) {
            case "halt" -> InstrumentAdminAction.HALT;
            case "resume" -> InstrumentAdminAction.RESUME;
            default -> InstrumentAdminAction.CLOSE_SESSION;
        };
        return instrumentAction(symbol, adminAction, null, "by " + CurrentUser.id());
    }

    @PostMapping("/transfers")
    @Operation(summary = "Credit shares to an account (depository transfer-in); idempotent per reference")
    public ResponseEntity<?> transfer(@Valid @RequestBody final TransferRequest r) {
        final String userId = UserIds.forEmail(r.email());
        final Long cost = r.costPrice() == null ? null : Math.multiplyExact(Money.toPaise(r.costPrice(), "costPrice"), r.quantity());
        commands.order(userId, TransferInSharesCommand.newBuilder().setSymbol(r.symbol()).setQuantityShares(r.quantity())
                .setReference(r.reference()).setCostBasisPaise(cost).build()).join();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("userId", userId, "status", "SENT"));
    }

    private ResponseEntity<?> instrumentAction(final String symbol, final InstrumentAdminAction action, final Instrument instrument,
            final String note) {
        commands.order(CurrentUser.id(), InstrumentAdminCommand.newBuilder().setAction(action).setSymbol(symbol)
                .setInstrument(instrument).setNote(note).build()).join();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("symbol", symbol, "action", action.name(), "status", "SENT"));
    }
}
