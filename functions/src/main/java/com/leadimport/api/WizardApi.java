package com.leadimport.api;

import static com.leadimport.api.JsonBodies.body;
import static com.leadimport.api.JsonBodies.ok;

import com.leadimport.domain.csv.FileRefusedException;
import com.leadimport.domain.request.Problem;
import com.leadimport.domain.request.RequestRefusedException;
import com.leadimport.logging.Log;
import com.leadimport.ports.AuditLog;
import com.leadimport.ports.CatalogStore;
import com.leadimport.ports.DncStore;
import com.leadimport.ports.FileStore;
import com.leadimport.ports.ImportStore;
import com.leadimport.ports.UploadUrls;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Everything the wizard's five stages, the Summary, import history and the Supplier Summary
 * report need, as JSON over HTTP: the caller, the table of routes and the errors shape here,
 * each route's work with its subject ({@link CatalogRoutes}, {@link DncRoutes},
 * {@link ContactTableRoutes}, {@link ImportRoutes}, {@link SupplierReport}). Every body is
 * checked with a 400 naming the field; every change is audited with the caller.
 */
public final class WizardApi {

    private final CatalogRoutes catalog;
    private final DncRoutes dnc;
    private final ContactTableRoutes contactTables;
    private final ImportRoutes imports;
    private final SupplierReport supplierReport;
    private final AuditLog audit;
    private final Options options;
    private final Map<String, Route> routes = routes();

    /**
     * How this API is set up.
     *
     * @param requireCaller     refuse requests without a verified caller (on AWS, where a JWT authorizer sets it)
     * @param skillBasedRouting the system has Outbound Skill-Based Routing (the guide shows Default Skill Group only then)
     */
    public record Options(String uploadBucket, String workBucket, boolean requireCaller, boolean skillBasedRouting) {
    }

    public WizardApi(ImportStore imports, CatalogStore catalog, DncStore dnc, FileStore files, UploadUrls urls, AuditLog audit,
                     Clock clock, Supplier<String> ids, Options options) {
        // clock: in the purge zone, whose day dates an import (an expiry "in N days" counts from it)
        this.catalog = new CatalogRoutes(catalog, audit);
        this.dnc = new DncRoutes(dnc, audit);
        this.contactTables = new ContactTableRoutes(catalog, audit);
        this.imports = new ImportRoutes(imports, catalog, dnc, files, urls, audit, clock, ids, options);
        this.supplierReport = new SupplierReport(imports);
        this.audit = audit;
        this.options = options;
    }

    public ApiResponse handle(ApiRequest request) {
        if ("OPTIONS".equalsIgnoreCase(request.method())) {
            return new ApiResponse(204, Map.of(), ""); // a CORS preflight: API Gateway adds the CORS headers
        }
        try {
            String caller = request.caller();
            if (caller == null) {
                if (options.requireCaller()) {
                    throw new ApiException(401, "sign in first: the request has no valid token");
                }
                caller = "local";
            }
            return route(request, caller);
        } catch (ApiException e) {
            return ApiResponse.json(e.status(), Map.of("errors", e.problems()));
        } catch (RequestRefusedException e) {
            return ApiResponse.json(400, Map.of("errors", e.problems()));
        } catch (FileRefusedException e) {
            return ApiResponse.json(400, Map.of("errors", List.of(Problem.of("file", e.getMessage()))));
        } catch (RuntimeException e) {
            // a fault of ours or of a store: its stack goes to the log once, under the id the answer quotes
            String ref = Log.fault("api.failed", e);
            return ApiResponse.json(500, Map.of("errors", List.of(Problem.general("the server failed to handle "
                    + request.method() + " " + request.rawPath() + "; it has been logged (ref " + ref + ")"))));
        }
    }

    /** One route's work: the request, the caller, and the path's segments after /api/. */
    private interface Route {
        ApiResponse handle(ApiRequest request, String caller, String[] path);
    }

    /** Every route, by method and path shape ({@code *} an import id); the OpenAPI file lists the same. */
    private Map<String, Route> routes() {
        Map<String, Route> routes = new LinkedHashMap<>();
        routes.put("GET system", (r, c, p) -> ok(Map.of("skillBasedRouting", options.skillBasedRouting())));
        routes.put("GET labels", (r, c, p) -> catalog.labels());
        routes.put("GET lists", (r, c, p) -> catalog.lists());
        routes.put("POST lists", (r, c, p) -> catalog.createList(body(r), c));
        routes.put("POST lists/clone", (r, c, p) -> catalog.cloneList(body(r), c));
        routes.put("GET suppliers", (r, c, p) -> catalog.suppliers());
        routes.put("GET settings-profiles", (r, c, p) -> catalog.settingsProfiles(c));
        routes.put("GET mapping-profiles", (r, c, p) -> catalog.mappingProfiles());
        routes.put("GET secondary-mappings", (r, c, p) -> catalog.secondaryMappings());
        routes.put("GET skill-groups", (r, c, p) -> catalog.skillGroups());
        routes.put("POST skill-groups", (r, c, p) -> catalog.createSkillGroup(body(r), c));
        routes.put("GET dnc/categories", (r, c, p) -> dnc.categories());
        routes.put("POST dnc/categories", (r, c, p) -> dnc.createCategory(body(r), c));
        routes.put("POST dnc/numbers", (r, c, p) -> dnc.addNumbers(body(r), c));
        routes.put("GET contact-tables", (r, c, p) -> contactTables.tables());
        routes.put("POST contact-tables", (r, c, p) -> contactTables.save(body(r), c));
        routes.put("POST imports", (r, c, p) -> imports.create(body(r), c));
        routes.put("GET imports", (r, c, p) -> imports.history());
        routes.put("GET imports/*", (r, c, p) -> imports.view(p[1]));
        routes.put("GET imports/*/preview", (r, c, p) -> imports.preview(p[1], r.query("delimiter")));
        routes.put("POST imports/*/call-info-preview", (r, c, p) -> imports.callInfoPreview(p[1], body(r)));
        routes.put("PUT imports/*/request", (r, c, p) -> imports.saveRequest(p[1], r.bodyText(), c));
        routes.put("POST imports/*/start", (r, c, p) -> imports.start(p[1], c));
        routes.put("GET imports/*/rejected", (r, c, p) -> imports.rejectedRows(p[1]));
        routes.put("GET reports/suppliers", (r, c, p) -> supplierReport.summary());
        routes.put("GET audit", (r, c, p) -> ok(audit.recent(200)));
        return routes;
    }

    /** The routes this API answers, as "METHOD path/shape" with {@code *} for an import id. */
    public Set<String> routeShapes() {
        return routes.keySet();
    }

    private ApiResponse route(ApiRequest request, String caller) {
        String method = request.method().toUpperCase(Locale.ROOT);
        String path = request.rawPath() == null ? "" : request.rawPath();
        if (!path.startsWith("/api/")) {
            throw new ApiException(404, "no such API path: " + path);
        }
        String[] p = path.substring("/api/".length()).split("/");
        Route route = routes.get(method + " " + String.join("/", shape(p)));
        if (route == null) {
            throw new ApiException(404, "no such API route: " + method + " " + path);
        }
        return route.handle(request, caller, p);
    }

    /** Path segments with import ids replaced by {@code *}, for matching. */
    private static List<String> shape(String[] parts) {
        List<String> shape = new ArrayList<>(List.of(parts));
        if (shape.size() >= 2 && shape.get(0).equals("imports")) {
            shape.set(1, "*");
        }
        return shape;
    }
}
