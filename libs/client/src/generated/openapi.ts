// Generated from openapi.json by `npm run client:generate` (openapi-typescript). Do not edit:
// a test fails when this file is not what the script makes from the committed openapi.json.
export interface paths {
    "/v1/admin/dashboard/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Dashboard_createSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Admin_listTenants"];
        put?: never;
        post: operations["Admin_createTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/tenants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["Admin_updateTenant"];
        trace?: never;
    };
    "/v1/admin/tenants/{id}/webhook-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Admin_webhookSecret"];
        put?: never;
        post: operations["Admin_rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Admin_listKeys"];
        put?: never;
        post: operations["Admin_createKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["Admin_updateKey"];
        trace?: never;
    };
    "/v1/admin/keys/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Admin_revokeKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/keys/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Admin_rotateKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Admin_usage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Assets_list"];
        put?: never;
        post: operations["Assets_upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assets/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Assets_importFromUrl"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Assets_get"];
        put?: never;
        post?: never;
        delete: operations["Assets_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assets/{id}/analysis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Assets_analysis"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assets/{id}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Assets_content"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assets/{id}/url": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Assets_url"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Jobs_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Jobs_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Jobs_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Jobs_retry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Jobs_webhooks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Jobs_events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}/result": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Jobs_result"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/trim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Rendering_trim"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transcode": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Rendering_transcode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/thumbnails": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Rendering_thumbnails"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/overlays": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Rendering_overlays"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/watermark": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Rendering_watermark"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/generate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Generate_generate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Generate_templates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/templates/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Generate_template"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Projects_list"];
        put?: never;
        post: operations["Projects_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Projects_get"];
        put: operations["Projects_replace"];
        post?: never;
        delete: operations["Projects_delete"];
        options?: never;
        head?: never;
        patch: operations["Projects_patch"];
        trace?: never;
    };
    "/v1/projects/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Projects_versions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Projects_version"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}/versions/{version}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Projects_restore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}/renders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Projects_renders"];
        put?: never;
        post: operations["Projects_render"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}/renders/{renderId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Projects_getRender"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}/renders/{renderId}/log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Projects_renderLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assets/{id}/transcribe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Transcribe_transcribe"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assets/{id}/transcript": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Transcribe_transcript"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assets/{id}/variants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Variants_listForAsset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/variants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Variants_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/variants/{id}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Variants_content"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/variants/{id}/url": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Variants_url"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/variants/{id}/files/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Variants_file"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/library/overlays": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Library_overlays"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/library/frames": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Library_frames"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/library/audio": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Library_audio"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/library/styles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Library_styles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/text/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Text_preview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/library/fonts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Text_listFonts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Health_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Health_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AdminHealth_detail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/signed/{token}/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SignedFiles_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description A stable code to branch on; the whole list, with statuses, is in docs/input-rules.md.
         * @enum {string}
         */
        ErrorCode: "invalid_input" | "malformed_json" | "unauthorized" | "forbidden" | "not_found" | "method_not_allowed" | "conflict" | "idempotency_conflict" | "precondition_failed" | "payload_too_large" | "unsupported_media_type" | "range_not_satisfiable" | "invalid_media" | "probe_timeout" | "render_failed" | "render_timeout" | "precondition_required" | "rate_limited" | "internal" | "not_configured" | "unavailable" | "queue_unavailable" | "queue_lost" | "worker_lost" | "worker_shutdown" | "storage_full" | "storage_unavailable" | "database_unavailable";
        ApiErrorDto: {
            /**
             * @description The HTTP status, repeated for clients that lose it.
             * @example 400
             */
            statusCode: number;
            /**
             * @description A stable code to branch on; the whole list, with statuses, is in docs/input-rules.md.
             * @example invalid_input
             */
            error: components["schemas"]["ErrorCode"];
            /**
             * @description What went wrong, for humans.
             * @example end must be greater than start
             */
            message: string;
            /** @description Structured specifics, e.g. the fields that failed validation. */
            details?: Record<string, never>;
        };
        DashboardSessionDto: {
            /**
             * @description Open this in a browser within 60 seconds: it sets the dashboard cookie and redirects to /admin/queues. Relative to the API base URL. Treat it as a secret until it expires.
             * @example /admin/queues/login?token=login.1767225600.abc
             */
            loginUrl: string;
            /** @description When the session cookie set by this response (and by the link) expires. */
            sessionExpiresAt: string;
        };
        CreateTenantDto: {
            /**
             * @description Display name of the team.
             * @example Acme Studio
             */
            name: string;
        };
        TenantDto: {
            /** Format: uuid */
            id: string;
            /** @example Acme Studio */
            name: string;
            /**
             * @description Jobs of this tenant that run at once; the rest wait.
             * @example 4
             */
            maxRunningJobs: number;
            /** @description Where job outcomes are POSTed when an operation names none. */
            webhookUrl: string | null;
            /** @description Whether a webhook signing secret exists (read it at …/webhook-secret). */
            hasWebhookSecret: boolean;
            /** Format: date-time */
            createdAt: string;
        };
        UpdateTenantDto: {
            /** @description Jobs of this tenant that run at once. */
            maxRunningJobs?: number;
            /**
             * @description The default webhook URL; null removes it.
             * @example https://example.com/hooks/reelforge
             */
            webhookUrl?: string | null;
        };
        WebhookSecretDto: {
            /**
             * @description HMAC-SHA256 key of X-Reelforge-Signature. Verify: split the header into t and v1, compute hex(HMAC-SHA256(secret, `${t}.${rawBody}`)), compare with v1 in constant time, refuse t older than 5 minutes.
             * @example whsec_Yk9i…
             */
            secret: string;
        };
        /**
         * @description What the key may do. Defaults to every scope.
         * @enum {string}
         */
        ApiKeyScope: "assets:read" | "assets:write" | "jobs:read" | "jobs:write";
        CreateApiKeyDto: {
            /**
             * Format: uuid
             * @description The tenant the key acts for.
             */
            tenantId: string;
            /**
             * @description A label for admins.
             * @example ci-uploader
             */
            name: string;
            /**
             * @description Requests admitted per UTC minute.
             * @example 120
             */
            minuteLimit: number;
            /**
             * @description Requests admitted per UTC day.
             * @example 10000
             */
            dailyLimit: number;
            /** @description What the key may do. Defaults to every scope. */
            scopes?: components["schemas"]["ApiKeyScope"][];
            /**
             * Format: date-time
             * @description ISO 8601; the key stops working at this instant.
             * @example 2027-01-01T00:00:00Z
             */
            expiresAt?: string;
        };
        CreatedApiKeyDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            /**
             * @description A label for admins.
             * @example ci-uploader
             */
            name: string;
            /**
             * @description The public part of the key, safe to show.
             * @example 3f9a1c0b7d2e
             */
            prefix: string;
            /** @description What the key may do. */
            scopes: components["schemas"]["ApiKeyScope"][];
            /** @description Requests admitted per UTC minute. */
            minuteLimit: number;
            /** @description Requests admitted per UTC day. */
            dailyLimit: number;
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: date-time */
            revokedAt: string | null;
            /**
             * Format: date-time
             * @description Approximate, to the minute.
             */
            lastUsedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /**
             * @description The whole key. Shown only in this answer; only a hash is stored.
             * @example rf_3f9a1c0b7d2e_Qm9vZ2xlLWlzLW5vdC1hLXNlY3JldC1idXQtdGhpcy1pcw
             */
            key: string;
        };
        ApiKeyDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            /**
             * @description A label for admins.
             * @example ci-uploader
             */
            name: string;
            /**
             * @description The public part of the key, safe to show.
             * @example 3f9a1c0b7d2e
             */
            prefix: string;
            /** @description What the key may do. */
            scopes: components["schemas"]["ApiKeyScope"][];
            /** @description Requests admitted per UTC minute. */
            minuteLimit: number;
            /** @description Requests admitted per UTC day. */
            dailyLimit: number;
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: date-time */
            revokedAt: string | null;
            /**
             * Format: date-time
             * @description Approximate, to the minute.
             */
            lastUsedAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        UpdateApiKeyDto: {
            /** @description A label for admins. */
            name?: string;
            /** @description Requests admitted per UTC minute. */
            minuteLimit?: number;
            /** @description Requests admitted per UTC day. */
            dailyLimit?: number;
            /** @description Replaces the scopes. */
            scopes?: components["schemas"]["ApiKeyScope"][];
        };
        KeyUsageDto: {
            /** Format: uuid */
            apiKeyId: string;
            /** @description The key label. */
            name: string;
            /** @description Requests admitted so far this UTC day. */
            requestsToday: number;
        };
        TenantUsageDto: {
            /** Format: uuid */
            tenantId: string;
            /** @description Display name of the team. */
            name: string;
            /** @description Assets currently stored. */
            assetCount: number;
            /** @description Bytes held by assets and variants. */
            storageBytes: number;
            /**
             * @description Jobs created in the last 24 hours, by status.
             * @example {
             *       "succeeded": 3,
             *       "failed": 1
             *     }
             */
            jobsLast24h: Record<string, never>;
            /** @description Every key of the tenant, revoked ones included. */
            keys: components["schemas"]["KeyUsageDto"][];
        };
        /**
         * @description Decided from the probe, not the file name.
         * @enum {string}
         */
        AssetKind: "video" | "image" | "audio" | "font" | "overlay" | "subtitles";
        /**
         * @description How the asset arrived.
         * @enum {string}
         */
        AssetOrigin: "upload" | "url" | "generated";
        AssetLinksDto: {
            /** @example /v1/assets/6f1c… */
            self: string;
            /** @example /v1/assets/6f1c…/content */
            content: string;
            /** @example /v1/assets/6f1c…/variants */
            variants: string;
        };
        JobLinksDto: {
            /** @example /v1/jobs/5d2e… */
            self: string;
            /**
             * @description The main output once the job succeeded.
             * @example /v1/jobs/5d2e…/result
             */
            result: string;
        };
        UploadAnalysisDto: {
            /**
             * @description `unavailable`: the file has no audio stream; the upload itself succeeded.
             * @enum {string}
             */
            status: "queued" | "cached" | "unavailable";
            /**
             * Format: uuid
             * @description The analysis job, when queued.
             */
            jobId?: string;
            links?: components["schemas"]["JobLinksDto"];
            /** @example The asset has no audio stream */
            reason?: string;
        };
        UploadedAssetDto: {
            /** Format: uuid */
            id: string;
            /** @description Decided from the probe, not the file name. */
            kind: components["schemas"]["AssetKind"];
            /** @description How the asset arrived. */
            origin: components["schemas"]["AssetOrigin"];
            /**
             * @description The uploaded file name, for display only.
             * @example holiday.mp4
             */
            originalName: string;
            /**
             * @description Decided from the probed container, not from the upload.
             * @example video/mp4
             */
            mime: string;
            /**
             * @description Size in bytes.
             * @example 1048576
             */
            sizeBytes: number;
            /**
             * @description Hex SHA-256 of the bytes.
             * @example e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
             */
            sha256: string;
            /**
             * @description Seconds; null for still images.
             * @example 12.48
             */
            durationSec: number | null;
            /**
             * @description Pixels, as stored (before rotation).
             * @example 1920
             */
            width: number | null;
            /**
             * @description Pixels, as stored (before rotation).
             * @example 1080
             */
            height: number | null;
            /**
             * @description Frames per second.
             * @example 29.97
             */
            fps: number | null;
            /** @example h264 */
            videoCodec: string | null;
            /** @example aac */
            audioCodec: string | null;
            /** @description Has a moving-picture stream (cover art and stills do not count). */
            hasVideo: boolean;
            /** @description Has at least one audio stream. */
            hasAudio: boolean;
            /**
             * @description Clockwise degrees a player rotates the picture: 0, 90, 180 or 270.
             * @example 90
             */
            rotation: number;
            /**
             * @description Font assets: the family name to use as `fontFamily` in text layers (yours only).
             * @example Acme Display
             */
            fontFamily: string | null;
            /** Format: date-time */
            createdAt: string;
            links: components["schemas"]["AssetLinksDto"];
            /** @description With ?analyze=beats only. */
            analysis?: components["schemas"]["UploadAnalysisDto"];
        };
        /**
         * @description Within a job type, higher priorities run first; equal priorities run oldest first.
         * @enum {string}
         */
        JobPriority: "high" | "normal" | "low";
        /**
         * @description The kind you expect; when the probed content is another kind the job fails with `invalid_media`.
         * @enum {string}
         */
        ImportableKind: "video" | "image" | "audio";
        ImportAssetDto: {
            /**
             * @description Within a job type, higher priorities run first; equal priorities run oldest first.
             * @default normal
             */
            priority?: components["schemas"]["JobPriority"];
            /**
             * @description POSTed the job body, signed, when the job ends (succeeded, failed, canceled); default the tenant's webhook URL. Private, loopback and link-local targets are refused at delivery.
             * @example https://example.com/hooks/reelforge
             */
            webhookUrl?: string;
            /**
             * @description http or https. Fetched by a worker: private, loopback and link-local targets are refused after DNS and on every redirect; the size limit is MAX_UPLOAD_BYTES and the time limit IMPORT_TIMEOUT_MS. The bytes are then probed like an upload.
             * @example https://cdn.example.com/clips/holiday.mp4
             */
            url: string;
            /** @description The kind you expect; when the probed content is another kind the job fails with `invalid_media`. */
            kind?: components["schemas"]["ImportableKind"];
        };
        /** @enum {string} */
        JobStatus: "queued" | "processing" | "succeeded" | "failed" | "canceled";
        ImportAcceptedDto: {
            /** Format: uuid */
            jobId: string;
            /** @example queued */
            status: components["schemas"]["JobStatus"];
            /**
             * @description Jobs of this type ahead of this one.
             * @example 0
             */
            queuePosition: number | null;
            /**
             * @description As in the job body; null without history.
             * @example 12
             */
            etaSec: number | null;
            links: components["schemas"]["JobLinksDto"];
            /**
             * Format: uuid
             * @description The id the asset will have. It exists (GET /v1/assets/:id) only once the job has succeeded; if the job fails, no asset is made under it.
             */
            assetId: string;
        };
        AssetDto: {
            /** Format: uuid */
            id: string;
            /** @description Decided from the probe, not the file name. */
            kind: components["schemas"]["AssetKind"];
            /** @description How the asset arrived. */
            origin: components["schemas"]["AssetOrigin"];
            /**
             * @description The uploaded file name, for display only.
             * @example holiday.mp4
             */
            originalName: string;
            /**
             * @description Decided from the probed container, not from the upload.
             * @example video/mp4
             */
            mime: string;
            /**
             * @description Size in bytes.
             * @example 1048576
             */
            sizeBytes: number;
            /**
             * @description Hex SHA-256 of the bytes.
             * @example e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
             */
            sha256: string;
            /**
             * @description Seconds; null for still images.
             * @example 12.48
             */
            durationSec: number | null;
            /**
             * @description Pixels, as stored (before rotation).
             * @example 1920
             */
            width: number | null;
            /**
             * @description Pixels, as stored (before rotation).
             * @example 1080
             */
            height: number | null;
            /**
             * @description Frames per second.
             * @example 29.97
             */
            fps: number | null;
            /** @example h264 */
            videoCodec: string | null;
            /** @example aac */
            audioCodec: string | null;
            /** @description Has a moving-picture stream (cover art and stills do not count). */
            hasVideo: boolean;
            /** @description Has at least one audio stream. */
            hasAudio: boolean;
            /**
             * @description Clockwise degrees a player rotates the picture: 0, 90, 180 or 270.
             * @example 90
             */
            rotation: number;
            /**
             * @description Font assets: the family name to use as `fontFamily` in text layers (yours only).
             * @example Acme Display
             */
            fontFamily: string | null;
            /** Format: date-time */
            createdAt: string;
            links: components["schemas"]["AssetLinksDto"];
        };
        AssetPageDto: {
            /** @description The 1-based page returned. */
            page: number;
            /** @description Items per page. */
            pageSize: number;
            /** @description Items matching the filter, across all pages. */
            total: number;
            /** @description Newest first. */
            items: components["schemas"]["AssetDto"][];
        };
        AudioAnalysisDto: {
            /**
             * @description Beats per minute; null without a clear pulse.
             * @example 120.2
             */
            tempoBpm: number | null;
            /**
             * @description Beat times in seconds from the start.
             * @example [
             *       0.52,
             *       1.02,
             *       1.52
             *     ]
             */
            beats: number[];
            /**
             * @description Onset (note or hit) times in seconds.
             * @example [
             *       0.5,
             *       1,
             *       1.25
             *     ]
             */
            onsets: number[];
            /**
             * @description How strongly the onsets repeat at the tempo; below ~0.1 the pulse is unclear.
             * @example 0.8
             */
            confidence: number;
            /**
             * @description Seconds of audio analysed: the whole track, or its first 600 s when it is longer.
             * @example 180
             */
            analysedSec: number;
        };
        JobAcceptedDto: {
            /** Format: uuid */
            jobId: string;
            /** @example queued */
            status: components["schemas"]["JobStatus"];
            /**
             * @description Jobs of this type ahead of this one.
             * @example 0
             */
            queuePosition: number | null;
            /**
             * @description As in the job body; null without history.
             * @example 12
             */
            etaSec: number | null;
            links: components["schemas"]["JobLinksDto"];
        };
        /**
         * @description `presigned`: served by the object store (S3); `signed`: served by this API under /v1/signed/.
         * @enum {string}
         */
        SignedUrlKind: "presigned" | "signed";
        SignedUrlDto: {
            /** @description Works without an API key until expiresAt; answers 403 after that or when altered. Supports Range. For an HLS playlist, the playlists and segments it refers to are reachable through the same link. */
            url: string;
            /** @description `presigned`: served by the object store (S3); `signed`: served by this API under /v1/signed/. */
            kind: components["schemas"]["SignedUrlKind"];
            /**
             * Format: date-time
             * @description The moment the link stops working (ISO 8601).
             */
            expiresAt: string;
            /** @description The lifetime that was applied, in seconds. */
            expiresInSec: number;
        };
        /** @enum {string} */
        JobType: "trim" | "overlay" | "watermark" | "transcode" | "generate" | "thumbnail" | "import" | "analysis" | "transcribe";
        JobErrorDto: {
            /** @example invalid_media */
            code: components["schemas"]["ErrorCode"];
            /** @example The source has no video or audio stream */
            message: string;
        };
        AttemptErrorDto: {
            /**
             * @description 1-based attempt number.
             * @example 1
             */
            attempt: number;
            /** @example internal */
            code: components["schemas"]["ErrorCode"];
            /** @example connect ECONNREFUSED */
            message: string;
            /**
             * @description When the attempt failed (ISO 8601).
             * @example 2026-01-01T12:00:00.000Z
             */
            at: string;
        };
        JobOutputDto: {
            /** Format: uuid */
            variantId: string;
            /**
             * @description Where to download this output.
             * @example /v1/variants/0b7c…/content
             */
            url: string;
            /**
             * @description The variant kind.
             * @example trim
             */
            kind: string;
            /**
             * @description The ladder rung, `master` for an HLS master playlist, `poster` for a poster.
             * @example 720p
             */
            quality: string | null;
        };
        JobDto: {
            /** Format: uuid */
            id: string;
            /** @description The operation. */
            type: components["schemas"]["JobType"];
            /** @description queued -> processing -> succeeded | failed | canceled. A transient fault sends it back to queued for a retry. */
            status: components["schemas"]["JobStatus"];
            /** @description Percent done, from ffmpeg progress; 100 once succeeded. */
            progress: number;
            /**
             * @description Jobs of this type that run before this one (0 = next); null once it has started.
             * @example 2
             */
            queuePosition: number | null;
            /**
             * @description Rough seconds until this job finishes: the mean run time of the last 20 succeeded jobs of its type (all tenants) times the waves ahead of it, floor(queuePosition / WORKER_CONCURRENCY) + 1, while queued; that mean times the share not yet done while processing. Null when finished or with no history.
             * @example 42
             */
            etaSec: number | null;
            /** @description Higher runs first within a type. */
            priority: components["schemas"]["JobPriority"];
            /** @description Attempts started so far, manual retries included; transient faults are retried. */
            attempts: number;
            /** @description Attempts allowed before the job fails for good; a manual retry grants a fresh round. */
            maxAttempts: number;
            /** @description Why it failed, or why the last attempt failed. */
            error: components["schemas"]["JobErrorDto"] | null;
            /** @description Every failed attempt, oldest first. */
            attemptErrors: components["schemas"]["AttemptErrorDto"][];
            /** @description Notes on a job that did not fail because of them, e.g. a template that fell back to equal cuts. */
            warnings: string[];
            /** @description Filled once succeeded; the first is the main output. */
            outputs: components["schemas"]["JobOutputDto"][];
            /** @description The validated request, as accepted. */
            request: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            startedAt: string | null;
            /** Format: date-time */
            finishedAt: string | null;
            links: components["schemas"]["JobLinksDto"];
        };
        JobPageDto: {
            /** @description The 1-based page returned. */
            page: number;
            /** @description Items per page. */
            pageSize: number;
            /** @description Items matching the filter, across all pages. */
            total: number;
            /** @description Newest first. */
            items: components["schemas"]["JobDto"][];
        };
        WebhookDeliveryDto: {
            /** Format: uuid */
            id: string;
            /**
             * @example job.succeeded
             * @enum {string}
             */
            event: "job.succeeded" | "job.failed" | "job.canceled";
            /** @example https://example.com/hooks/reelforge */
            url: string;
            /**
             * @description 1-based attempt of this delivery.
             * @example 1
             */
            attempt: number;
            /**
             * @description Null when no answer came.
             * @example 200
             */
            statusCode: number | null;
            /**
             * @description Why the attempt failed; `refused: …` targets are never retried.
             * @example refused: Refused http://127.0.0.1:8080: 127.0.0.1 is loopback (127.0.0.0/8)
             */
            error: string | null;
            /** @example 85 */
            durationMs: number | null;
            /**
             * Format: date-time
             * @description Set when the receiver answered 2xx.
             */
            deliveredAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        TextAutoFitDto: {
            /**
             * @description Smallest font size to try, in pixels.
             * @example 24
             */
            minFontSizePx: number;
            /**
             * @description Largest font size to try, in pixels.
             * @example 120
             */
            maxFontSizePx: number;
        };
        /**
         * @description Horizontal alignment in the box. 'start' is left for left-to-right text and right for right-to-left text.
         * @enum {string}
         */
        TextAlign: "left" | "center" | "right" | "start" | "end";
        /**
         * @description 'auto' is right-to-left when the first strong character is Arabic, Hebrew, Syriac, Thaana or N'Ko.
         * @enum {string}
         */
        TextDirection: "auto" | "ltr" | "rtl";
        TextStrokeDto: {
            /**
             * @description Outline colour: #rgb, #rrggbb, #rrggbbaa, rgb(r, g, b) or rgba(r, g, b, a) with channels 0-255, alpha 0-1.
             * @example #000000
             */
            color: string;
            /**
             * @description Outline thickness outside the glyph edge, in pixels.
             * @example 4
             */
            widthPx: number;
        };
        TextShadowDto: {
            /**
             * @description Shadow colour: #rgb, #rrggbb, #rrggbbaa, rgb(r, g, b) or rgba(r, g, b, a) with channels 0-255, alpha 0-1.
             * @example rgba(0, 0, 0, 0.6)
             */
            color: string;
            /**
             * @description Horizontal shadow offset in pixels; positive is right.
             * @example 4
             */
            offsetXPx: number;
            /**
             * @description Vertical shadow offset in pixels; positive is down.
             * @example 4
             */
            offsetYPx: number;
            /**
             * @description Blur radius in pixels; 0 is a hard shadow.
             * @example 6
             */
            blurPx: number;
        };
        TextBackgroundDto: {
            /**
             * @description Box colour: #rgb, #rrggbb, #rrggbbaa, rgb(r, g, b) or rgba(r, g, b, a) with channels 0-255, alpha 0-1.
             * @example #000000b3
             */
            color: string;
            /**
             * @description Space between the text and the box edge, in pixels.
             * @example 16
             */
            paddingPx: number;
            /**
             * @description Corner radius in pixels; capped at half the box side.
             * @example 12
             */
            radiusPx: number;
        };
        TextLayerDto: {
            /**
             * @description A family from GET /v1/library/fonts, or one of your uploaded fonts. Characters it lacks fall back per glyph to Noto Sans, Devanagari, Arabic, Hebrew, Thai, Bengali, Tamil, CJK SC, TC, KR, then Noto Color Emoji.
             * @default Noto Sans
             * @example Noto Sans
             */
            fontFamily?: string;
            /**
             * @description 'normal', 'bold' or a CSS weight 100-900. Families without a bold face are emboldened synthetically.
             * @default normal
             * @example bold
             */
            fontWeight?: ("normal" | "bold") | number;
            /**
             * @description Font size in pixels (the em size). Default: scales with the frame, 1/30 of its height (64 px on a 1920 px tall frame, 36 on 1080), at least 12. autoFit replaces it.
             * @example 64
             */
            fontSizePx?: number;
            /** @description Pick the largest whole pixel size in [min, max] at which the text fits the box (width, boxHeightPx, maxLines). */
            autoFit?: components["schemas"]["TextAutoFitDto"];
            /**
             * @description Text colour: #rgb, #rrggbb, #rrggbbaa, rgb(r, g, b) or rgba(r, g, b, a) with channels 0-255, alpha 0-1.
             * @default #ffffff
             * @example #ffffff
             */
            color?: string;
            /**
             * @description Line box height as a multiple of the font size.
             * @default 1.2
             */
            lineHeight?: number;
            /**
             * @description Extra space after each character, in pixels.
             * @default 0
             */
            letterSpacingPx?: number;
            /**
             * @description Horizontal alignment in the box. 'start' is left for left-to-right text and right for right-to-left text.
             * @default start
             */
            align?: components["schemas"]["TextAlign"];
            /**
             * @description 'auto' is right-to-left when the first strong character is Arabic, Hebrew, Syriac, Thaana or N'Ko.
             * @default auto
             */
            direction?: components["schemas"]["TextDirection"];
            /**
             * @description Keep at most this many lines; more is overflow.
             * @example 3
             */
            maxLines?: number;
            /** @description An outline drawn under the fill. */
            stroke?: components["schemas"]["TextStrokeDto"];
            /** @description A drop shadow cast by the outlined text. */
            shadow?: components["schemas"]["TextShadowDto"];
            /** @description A rounded box hugging the text block, under everything else. */
            background?: components["schemas"]["TextBackgroundDto"];
            /**
             * @description The text. `\n` starts a new line; longer lines wrap at the box width. 1-2,000 characters, at least one of them visible.
             * @example Luxury Beauty Secrets ✨
             */
            text: string;
            /**
             * @deprecated
             * @description Deprecated: give `widthPx` on the layer. Width of the PNG and the wrapping width, in pixels.
             * @example 1080
             */
            boxWidthPx?: number;
            /**
             * @deprecated
             * @description Deprecated: give `heightPx` on the layer. Height of the PNG; lines that do not fit are dropped.
             * @example 400
             */
            boxHeightPx?: number;
        };
        SourceDto: {
            /**
             * Format: uuid
             * @description One of your assets. Give `assetId` or `variantId`.
             */
            assetId?: string;
            /**
             * Format: uuid
             * @description An output (variant) of one of your earlier jobs: a single MP4/M4A/image file, not an HLS package. Give `assetId` or `variantId`.
             */
            variantId?: string;
        };
        /**
         * @description `accurate` re-encodes and cuts on the exact frame; `fast` copies the streams without re-encoding and starts at the keyframe at or before `start`.
         * @enum {string}
         */
        TrimMode: "accurate" | "fast";
        CreateTrimDto: {
            /**
             * @description Within a job type, higher priorities run first; equal priorities run oldest first.
             * @default normal
             */
            priority?: components["schemas"]["JobPriority"];
            /**
             * @description POSTed the job body, signed, when the job ends (succeeded, failed, canceled); default the tenant's webhook URL. Private, loopback and link-local targets are refused at delivery.
             * @example https://example.com/hooks/reelforge
             */
            webhookUrl?: string;
            /** @description What to work on: `{assetId}` or `{variantId}`. Give `source` or `assetId`, not both. */
            source?: components["schemas"]["SourceDto"];
            /**
             * Format: uuid
             * @description Same as `source: {assetId}`; kept for existing callers.
             */
            assetId?: string;
            /**
             * @description Where the cut starts: seconds (1.5) or HH:MM:SS(.sss). Must be before the end of the source.
             * @example 00:00:01.500
             */
            start: number | string;
            /**
             * @description Where the cut ends, same forms as start; must be greater than start. Clamped to the source duration.
             * @example 4
             */
            end: number | string;
            /**
             * @description `accurate` re-encodes and cuts on the exact frame; `fast` copies the streams without re-encoding and starts at the keyframe at or before `start`.
             * @default accurate
             */
            mode?: components["schemas"]["TrimMode"];
        };
        /**
         * @description Rungs by the short side of the picture. A rung above the source is skipped (never upscaled) and listed in `skipped`. Default CRF: 1080p 20, 720p 22, 480p 24.
         * @enum {string}
         */
        Quality: "2160p" | "1440p" | "1080p" | "720p" | "480p" | "360p" | "240p";
        /**
         * @description `mp4`: one file per rung. `hls`: a master playlist plus a playlist and segments per rung, keyframes aligned.
         * @enum {string}
         */
        TranscodeFormat: "mp4" | "hls";
        CreateTranscodeDto: {
            /**
             * @description Within a job type, higher priorities run first; equal priorities run oldest first.
             * @default normal
             */
            priority?: components["schemas"]["JobPriority"];
            /**
             * @description POSTed the job body, signed, when the job ends (succeeded, failed, canceled); default the tenant's webhook URL. Private, loopback and link-local targets are refused at delivery.
             * @example https://example.com/hooks/reelforge
             */
            webhookUrl?: string;
            /** @description What to work on: `{assetId}` or `{variantId}`. Give `source` or `assetId`, not both. */
            source?: components["schemas"]["SourceDto"];
            /**
             * Format: uuid
             * @description Same as `source: {assetId}`; kept for existing callers.
             */
            assetId?: string;
            /**
             * @description Rungs by the short side of the picture. A rung above the source is skipped (never upscaled) and listed in `skipped`. Default CRF: 1080p 20, 720p 22, 480p 24.
             * @example [
             *       "1080p",
             *       "720p",
             *       "480p"
             *     ]
             */
            qualities: components["schemas"]["Quality"][];
            /**
             * @description `mp4`: one file per rung. `hls`: a master playlist plus a playlist and segments per rung, keyframes aligned.
             * @default mp4
             */
            format?: components["schemas"]["TranscodeFormat"];
        };
        SkippedQualityDto: {
            /**
             * @description The rung that was not made.
             * @example 1080p
             */
            quality: string;
            /** @example the source is 1280x720; 1080p would upscale it */
            reason: string;
        };
        TranscodeAcceptedDto: {
            /** Format: uuid */
            jobId: string;
            /** @example queued */
            status: components["schemas"]["JobStatus"];
            /**
             * @description Jobs of this type ahead of this one.
             * @example 0
             */
            queuePosition: number | null;
            /**
             * @description As in the job body; null without history.
             * @example 12
             */
            etaSec: number | null;
            links: components["schemas"]["JobLinksDto"];
            /** @description Requested rungs above the source, which are never upscaled. */
            skipped: components["schemas"]["SkippedQualityDto"][];
        };
        CreateThumbnailsDto: {
            /**
             * @description Within a job type, higher priorities run first; equal priorities run oldest first.
             * @default normal
             */
            priority?: components["schemas"]["JobPriority"];
            /**
             * @description POSTed the job body, signed, when the job ends (succeeded, failed, canceled); default the tenant's webhook URL. Private, loopback and link-local targets are refused at delivery.
             * @example https://example.com/hooks/reelforge
             */
            webhookUrl?: string;
            /** @description What to work on: `{assetId}` or `{variantId}`. Give `source` or `assetId`, not both. */
            source?: components["schemas"]["SourceDto"];
            /**
             * Format: uuid
             * @description Same as `source: {assetId}`; kept for existing callers.
             */
            assetId?: string;
            /**
             * @description Instants in seconds from the start, each before the end of the video. Give `times` or `count`.
             * @example [
             *       1.5,
             *       10
             *     ]
             */
            times?: number[];
            /**
             * @description This many stills spread evenly over the video. Give `times` or `count`.
             * @example 4
             */
            count?: number;
            /**
             * @description Width of each still in pixels; the height keeps the aspect ratio. Default: the source width, at most 1280.
             * @example 320
             */
            widthPx?: number;
        };
        PositionDto: {
            /**
             * @description Place against an edge or corner, `marginPx` in from it. Ignored for an axis given as x or y.
             * @example bottom-right
             * @enum {string}
             */
            anchor?: "top-left" | "top" | "top-right" | "left" | "center" | "right" | "bottom-left" | "bottom" | "bottom-right";
            /**
             * @description Inset from the anchored edges, in output pixels.
             * @default 24
             */
            marginPx?: number;
            /**
             * @description Left edge as an expression: numbers, + - * / ( ), min(a,b), max(a,b), and W H (video size), w h (layer size), t (seconds), main_w main_h overlay_w overlay_h.
             * @example W-w-20
             */
            x?: string;
            /**
             * @description Top edge as an expression; same grammar as x.
             * @example (H-h)/2
             */
            y?: string;
        };
        TextStyleDto: {
            /**
             * @description A family from GET /v1/library/fonts, or one of your uploaded fonts. Characters it lacks fall back per glyph to Noto Sans, Devanagari, Arabic, Hebrew, Thai, Bengali, Tamil, CJK SC, TC, KR, then Noto Color Emoji.
             * @default Noto Sans
             * @example Noto Sans
             */
            fontFamily?: string;
            /**
             * @description 'normal', 'bold' or a CSS weight 100-900. Families without a bold face are emboldened synthetically.
             * @default normal
             * @example bold
             */
            fontWeight?: ("normal" | "bold") | number;
            /**
             * @description Font size in pixels (the em size). Default: scales with the frame, 1/30 of its height (64 px on a 1920 px tall frame, 36 on 1080), at least 12. autoFit replaces it.
             * @example 64
             */
            fontSizePx?: number;
            /** @description Pick the largest whole pixel size in [min, max] at which the text fits the box (width, boxHeightPx, maxLines). */
            autoFit?: components["schemas"]["TextAutoFitDto"];
            /**
             * @description Text colour: #rgb, #rrggbb, #rrggbbaa, rgb(r, g, b) or rgba(r, g, b, a) with channels 0-255, alpha 0-1.
             * @default #ffffff
             * @example #ffffff
             */
            color?: string;
            /**
             * @description Line box height as a multiple of the font size.
             * @default 1.2
             */
            lineHeight?: number;
            /**
             * @description Extra space after each character, in pixels.
             * @default 0
             */
            letterSpacingPx?: number;
            /**
             * @description Horizontal alignment in the box. 'start' is left for left-to-right text and right for right-to-left text.
             * @default start
             */
            align?: components["schemas"]["TextAlign"];
            /**
             * @description 'auto' is right-to-left when the first strong character is Arabic, Hebrew, Syriac, Thaana or N'Ko.
             * @default auto
             */
            direction?: components["schemas"]["TextDirection"];
            /**
             * @description Keep at most this many lines; more is overflow.
             * @example 3
             */
            maxLines?: number;
            /** @description An outline drawn under the fill. */
            stroke?: components["schemas"]["TextStrokeDto"];
            /** @description A drop shadow cast by the outlined text. */
            shadow?: components["schemas"]["TextShadowDto"];
            /** @description A rounded box hugging the text block, under everything else. */
            background?: components["schemas"]["TextBackgroundDto"];
        };
        MediaSourceDto: {
            /**
             * @description A bundled item, as listed by GET /v1/library/overlays or /frames. Give `library` or `assetId`.
             * @example overlays/sparkles.png
             */
            library?: string;
            /**
             * Format: uuid
             * @description One of your assets. Give `library` or `assetId`.
             */
            assetId?: string;
        };
        OverlayLayerDto: {
            /**
             * @description Place against an edge or corner, `marginPx` in from it. Default: centred (watermark: bottom-right).
             * @example bottom-right
             * @enum {string}
             */
            anchor?: "top-left" | "top" | "top-right" | "left" | "center" | "right" | "bottom-left" | "bottom" | "bottom-right";
            /** @description Inset from the anchored edges, in output pixels. Default 0 when centred, else 24. */
            marginPx?: number;
            /** @description Left edge in output pixels; instead of anchor. */
            xPx?: number;
            /** @description Top edge in output pixels; instead of anchor. */
            yPx?: number;
            /**
             * @description Left edge as an expression, instead of xPx: numbers, + - * / ( ), min(a,b), max(a,b), and W H (video size), w h (layer size), t (seconds), main_w main_h overlay_w overlay_h. Must be finite for the video and layer size.
             * @example W-w-20
             */
            x?: string;
            /**
             * @description Top edge as an expression; as x.
             * @example (H-h)/2
             */
            y?: string;
            /**
             * @deprecated
             * @description Deprecated: give anchor, marginPx, xPx/yPx or x/y on the layer itself.
             */
            position?: components["schemas"]["PositionDto"];
            /**
             * @description Multiplied into the layer’s own alpha.
             * @default 1
             */
            opacity?: number;
            /**
             * @description When the layer appears, in seconds of the video.
             * @default 0
             */
            startSec?: number;
            /** @description When it disappears, in seconds; default the end of the video. */
            endSec?: number;
            /**
             * @description Fade-in length in seconds, from startSec.
             * @default 0
             */
            fadeInSec?: number;
            /**
             * @description Fade-out length in seconds, ending at endSec.
             * @default 0
             */
            fadeOutSec?: number;
            /**
             * @description What the layer shows.
             * @example image
             * @enum {string}
             */
            type: "text" | "image" | "video";
            /**
             * @description For `text` layers: the text, with its look in `style`. Deprecated but still accepted: an object `{text, fontSizePx, color, boxWidthPx, ...}` (the job gets a deprecation warning).
             * @example Summer sale
             */
            text?: string | components["schemas"]["TextLayerDto"];
            /** @description For `text` layers: font, size, colour, outline... */
            style?: components["schemas"]["TextStyleDto"];
            /** @description For `image` and `video` layers. */
            source?: components["schemas"]["MediaSourceDto"];
            /** @description Width in output pixels; alone, the height keeps the aspect ratio. */
            widthPx?: number;
            /** @description Height in output pixels; alone, the width keeps the aspect ratio. */
            heightPx?: number;
            /**
             * @description Width as a fraction of the video width (image and video layers); instead of widthPx/heightPx.
             * @example 0.25
             */
            scale?: number;
            /**
             * @description Video layers: start over when they end; false: disappear at their end.
             * @default true
             */
            loop?: boolean;
        };
        WatermarkSpecDto: {
            /**
             * @description Place against an edge or corner, `marginPx` in from it. Default: centred (watermark: bottom-right).
             * @example bottom-right
             * @enum {string}
             */
            anchor?: "top-left" | "top" | "top-right" | "left" | "center" | "right" | "bottom-left" | "bottom" | "bottom-right";
            /** @description Inset from the anchored edges, in output pixels. Default 0 when centred, else 24. */
            marginPx?: number;
            /** @description Left edge in output pixels; instead of anchor. */
            xPx?: number;
            /** @description Top edge in output pixels; instead of anchor. */
            yPx?: number;
            /**
             * @description Left edge as an expression, instead of xPx: numbers, + - * / ( ), min(a,b), max(a,b), and W H (video size), w h (layer size), t (seconds), main_w main_h overlay_w overlay_h. Must be finite for the video and layer size.
             * @example W-w-20
             */
            x?: string;
            /**
             * @description Top edge as an expression; as x.
             * @example (H-h)/2
             */
            y?: string;
            /**
             * @deprecated
             * @description Deprecated: give anchor, marginPx, xPx/yPx or x/y on the layer itself.
             */
            position?: components["schemas"]["PositionDto"];
            /**
             * @description Multiplied into the layer’s own alpha.
             * @default 1
             */
            opacity?: number;
            /**
             * @description When the layer appears, in seconds of the video.
             * @default 0
             */
            startSec?: number;
            /** @description When it disappears, in seconds; default the end of the video. */
            endSec?: number;
            /**
             * @description Fade-in length in seconds, from startSec.
             * @default 0
             */
            fadeInSec?: number;
            /**
             * @description Fade-out length in seconds, ending at endSec.
             * @default 0
             */
            fadeOutSec?: number;
            /** @description A PNG with transparency. Give `image` or `text`. */
            image?: components["schemas"]["MediaSourceDto"];
            /**
             * @description A text watermark. Give `image` or `text`. For `text` layers: the text, with its look in `style`. Deprecated but still accepted: an object `{text, fontSizePx, color, boxWidthPx, ...}` (the job gets a deprecation warning).
             * @example © Reelforge
             */
            text?: string | components["schemas"]["TextLayerDto"];
            /** @description For a text watermark: font, size, colour, outline... */
            style?: components["schemas"]["TextStyleDto"];
            /** @description Text watermark box width in pixels. Default: the video width minus the margins. */
            widthPx?: number;
            /**
             * @description Image watermark width as a fraction of the video width.
             * @default 0.15
             */
            scale?: number;
        };
        CreateOverlaysDto: {
            /**
             * @description Within a job type, higher priorities run first; equal priorities run oldest first.
             * @default normal
             */
            priority?: components["schemas"]["JobPriority"];
            /**
             * @description POSTed the job body, signed, when the job ends (succeeded, failed, canceled); default the tenant's webhook URL. Private, loopback and link-local targets are refused at delivery.
             * @example https://example.com/hooks/reelforge
             */
            webhookUrl?: string;
            /** @description What to work on: `{assetId}` or `{variantId}`. Give `source` or `assetId`, not both. */
            source?: components["schemas"]["SourceDto"];
            /**
             * Format: uuid
             * @description Same as `source: {assetId}`; kept for existing callers.
             */
            assetId?: string;
            /** @description Bottom first; later layers are drawn on top. 1-16 layers. */
            layers: components["schemas"]["OverlayLayerDto"][];
            /** @description Drawn above every layer. */
            watermark?: components["schemas"]["WatermarkSpecDto"];
        };
        CreateWatermarkDto: {
            /**
             * @description Place against an edge or corner, `marginPx` in from it. Default: centred (watermark: bottom-right).
             * @example bottom-right
             * @enum {string}
             */
            anchor?: "top-left" | "top" | "top-right" | "left" | "center" | "right" | "bottom-left" | "bottom" | "bottom-right";
            /** @description Inset from the anchored edges, in output pixels. Default 0 when centred, else 24. */
            marginPx?: number;
            /** @description Left edge in output pixels; instead of anchor. */
            xPx?: number;
            /** @description Top edge in output pixels; instead of anchor. */
            yPx?: number;
            /**
             * @description Left edge as an expression, instead of xPx: numbers, + - * / ( ), min(a,b), max(a,b), and W H (video size), w h (layer size), t (seconds), main_w main_h overlay_w overlay_h. Must be finite for the video and layer size.
             * @example W-w-20
             */
            x?: string;
            /**
             * @description Top edge as an expression; as x.
             * @example (H-h)/2
             */
            y?: string;
            /**
             * @deprecated
             * @description Deprecated: give anchor, marginPx, xPx/yPx or x/y on the layer itself.
             */
            position?: components["schemas"]["PositionDto"];
            /**
             * @description Multiplied into the layer’s own alpha.
             * @default 1
             */
            opacity?: number;
            /**
             * @description When the layer appears, in seconds of the video.
             * @default 0
             */
            startSec?: number;
            /** @description When it disappears, in seconds; default the end of the video. */
            endSec?: number;
            /**
             * @description Fade-in length in seconds, from startSec.
             * @default 0
             */
            fadeInSec?: number;
            /**
             * @description Fade-out length in seconds, ending at endSec.
             * @default 0
             */
            fadeOutSec?: number;
            /** @description A PNG with transparency. Give `image` or `text`. */
            image?: components["schemas"]["MediaSourceDto"];
            /**
             * @description A text watermark. Give `image` or `text`. For `text` layers: the text, with its look in `style`. Deprecated but still accepted: an object `{text, fontSizePx, color, boxWidthPx, ...}` (the job gets a deprecation warning).
             * @example © Reelforge
             */
            text?: string | components["schemas"]["TextLayerDto"];
            /** @description For a text watermark: font, size, colour, outline... */
            style?: components["schemas"]["TextStyleDto"];
            /** @description Text watermark box width in pixels. Default: the video width minus the margins. */
            widthPx?: number;
            /**
             * @description Image watermark width as a fraction of the video width.
             * @default 0.15
             */
            scale?: number;
            /**
             * @description Within a job type, higher priorities run first; equal priorities run oldest first.
             * @default normal
             */
            priority?: components["schemas"]["JobPriority"];
            /**
             * @description POSTed the job body, signed, when the job ends (succeeded, failed, canceled); default the tenant's webhook URL. Private, loopback and link-local targets are refused at delivery.
             * @example https://example.com/hooks/reelforge
             */
            webhookUrl?: string;
            /** @description What to work on: `{assetId}` or `{variantId}`. Give `source` or `assetId`, not both. */
            source?: components["schemas"]["SourceDto"];
            /**
             * Format: uuid
             * @description Same as `source: {assetId}`; kept for existing callers.
             */
            assetId?: string;
        };
        DryRunDto: {
            /**
             * @description Always true: nothing was queued.
             * @enum {boolean}
             */
            dryRun: true;
            /** @description The composition, every default filled in. */
            composition: {
                [key: string]: unknown;
            };
            /** @description Output size/fps/duration, expectedFrames, inputs, text images to draw, the filter graph. Paths are labels (`asset:<id>`, `library:<ref>`, `work/text-0.png`); URL sources show as unknown until the worker fetches them. */
            plan: {
                [key: string]: unknown;
            };
            /** @description The one ffmpeg command the worker would run. */
            argv: string[];
            /** @description What the render would do differently than asked, e.g. equal cuts. */
            warnings: string[];
        };
        TemplateDto: {
            /**
             * @description Used as `template` in POST /v1/generate.
             * @example golden-frame
             */
            name: string;
            /** @description What the template makes. */
            description: string;
            /** @description JSON Schema of the template's fields. */
            fieldsSchema: {
                [key: string]: unknown;
            };
            /** @description A complete request body for POST /v1/generate that uses this template. */
            example: {
                [key: string]: unknown;
            };
        };
        ProjectLinksDto: {
            /** @example /v1/projects/7f1c… */
            self: string;
            /** @example /v1/projects/7f1c…/versions */
            versions: string;
            /** @example /v1/projects/7f1c…/renders */
            renders: string;
        };
        ProjectDto: {
            /** Format: uuid */
            id: string;
            /** @example Spring launch reel */
            name: string;
            /**
             * @example {
             *       "userId": "u-42"
             *     }
             */
            tags: {
                [key: string]: string;
            };
            /**
             * @description The newest version; also the ETag ("3"). Send it back in If-Match.
             * @example 3
             */
            version: number;
            /**
             * @description SHA-256 of the composition's canonical form (defaults filled in): equal content, equal hash.
             * @example 9b1d…
             */
            contentHash: string;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description When the newest version was saved.
             */
            updatedAt: string;
            links: components["schemas"]["ProjectLinksDto"];
            /** @description The composition as saved (as in POST /v1/generate). */
            composition: {
                [key: string]: unknown;
            };
        };
        ProjectSummaryDto: {
            /** Format: uuid */
            id: string;
            /** @example Spring launch reel */
            name: string;
            /**
             * @example {
             *       "userId": "u-42"
             *     }
             */
            tags: {
                [key: string]: string;
            };
            /**
             * @description The newest version; also the ETag ("3"). Send it back in If-Match.
             * @example 3
             */
            version: number;
            /**
             * @description SHA-256 of the composition's canonical form (defaults filled in): equal content, equal hash.
             * @example 9b1d…
             */
            contentHash: string;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description When the newest version was saved.
             */
            updatedAt: string;
            links: components["schemas"]["ProjectLinksDto"];
        };
        ProjectPageDto: {
            /** @description The 1-based page returned. */
            page: number;
            /** @description Items per page. */
            pageSize: number;
            /** @description Items matching the filter, across all pages. */
            total: number;
            /** @description Newest first; without compositions. */
            items: components["schemas"]["ProjectSummaryDto"][];
        };
        ProjectVersionSummaryDto: {
            /** @example 2 */
            version: number;
            /**
             * @description How this version was made.
             * @enum {string}
             */
            origin: "create" | "replace" | "patch" | "restore";
            /** @description For a restore: the version copied. */
            restoredFrom: number | null;
            /** @description The project's name when this version was saved. */
            name: string;
            /** @description SHA-256 of this version's canonical composition; equal content, equal hash. */
            contentHash: string;
            /** Format: date-time */
            createdAt: string;
        };
        ProjectVersionPageDto: {
            /** @description The 1-based page returned. */
            page: number;
            /** @description Items per page. */
            pageSize: number;
            /** @description Items matching the filter, across all pages. */
            total: number;
            /** @description Newest first. */
            items: components["schemas"]["ProjectVersionSummaryDto"][];
        };
        ProjectVersionDto: {
            /** @example 2 */
            version: number;
            /**
             * @description How this version was made.
             * @enum {string}
             */
            origin: "create" | "replace" | "patch" | "restore";
            /** @description For a restore: the version copied. */
            restoredFrom: number | null;
            /** @description The project's name when this version was saved. */
            name: string;
            /** @description SHA-256 of this version's canonical composition; equal content, equal hash. */
            contentHash: string;
            /** Format: date-time */
            createdAt: string;
            /** @description Tags as saved in this version. */
            tags: {
                [key: string]: string;
            };
            /** @description The composition as saved in this version. */
            composition: {
                [key: string]: unknown;
            };
        };
        ProjectRenderLinksDto: {
            /** @example /v1/projects/7f1c…/renders/0a9e… */
            self: string;
            /**
             * @description The generate job doing the render.
             * @example /v1/jobs/5d2e…
             */
            job: string;
            /** @example /v1/projects/7f1c…/renders/0a9e…/log */
            log: string;
        };
        ProjectRenderAnswerDto: {
            /** Format: uuid */
            id: string;
            /** @description The version rendered. */
            version: number;
            /** @description The content rendered; a later request for the same hash reuses this render. */
            contentHash: string;
            /** Format: uuid */
            jobId: string;
            /** @description The render job's status. */
            status: components["schemas"]["JobStatus"];
            /** @description Percent done, from ffmpeg progress. */
            progress: number;
            /** @description Once succeeded: the video, then its poster. */
            outputs: components["schemas"]["JobOutputDto"][];
            /** @description Why the render failed. */
            error: components["schemas"]["JobErrorDto"] | null;
            /** @description What the render did differently than asked. */
            warnings: string[];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            finishedAt: string | null;
            links: components["schemas"]["ProjectRenderLinksDto"];
            /** @description True: an earlier render of the same content (queued, running or done) is answered and nothing new is rendered. */
            reused: boolean;
        };
        ProjectRenderDto: {
            /** Format: uuid */
            id: string;
            /** @description The version rendered. */
            version: number;
            /** @description The content rendered; a later request for the same hash reuses this render. */
            contentHash: string;
            /** Format: uuid */
            jobId: string;
            /** @description The render job's status. */
            status: components["schemas"]["JobStatus"];
            /** @description Percent done, from ffmpeg progress. */
            progress: number;
            /** @description Once succeeded: the video, then its poster. */
            outputs: components["schemas"]["JobOutputDto"][];
            /** @description Why the render failed. */
            error: components["schemas"]["JobErrorDto"] | null;
            /** @description What the render did differently than asked. */
            warnings: string[];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            finishedAt: string | null;
            links: components["schemas"]["ProjectRenderLinksDto"];
        };
        ProjectRenderPageDto: {
            /** @description The 1-based page returned. */
            page: number;
            /** @description Items per page. */
            pageSize: number;
            /** @description Items matching the filter, across all pages. */
            total: number;
            /** @description Newest first. */
            items: components["schemas"]["ProjectRenderDto"][];
        };
        ProjectRenderLogDto: {
            /** @description The render job's status. */
            status: components["schemas"]["JobStatus"];
            /** @description Notes from a render that still succeeded (text cut to its box, ...). */
            warnings: string[];
            /** @description Why the render failed. */
            error: components["schemas"]["JobErrorDto"] | null;
            /** @description The end of ffmpeg's stderr (at most 8 KiB) of the final attempt; null before it ran. */
            stderrTail: string | null;
        };
        TranscribeAssetDto: {
            /**
             * @description Within a job type, higher priorities run first; equal priorities run oldest first.
             * @default normal
             */
            priority?: components["schemas"]["JobPriority"];
            /**
             * @description POSTed the job body, signed, when the job ends (succeeded, failed, canceled); default the tenant's webhook URL. Private, loopback and link-local targets are refused at delivery.
             * @example https://example.com/hooks/reelforge
             */
            webhookUrl?: string;
            /**
             * @description ISO 639-1 language of the speech; omitted, the provider detects it.
             * @example en
             */
            language?: string;
        };
        TranscribeAcceptedDto: {
            /** Format: uuid */
            jobId: string;
            /** @example queued */
            status: components["schemas"]["JobStatus"];
            /**
             * @description Jobs of this type ahead of this one.
             * @example 0
             */
            queuePosition: number | null;
            /**
             * @description As in the job body; null without history.
             * @example 12
             */
            etaSec: number | null;
            links: components["schemas"]["JobLinksDto"];
            /**
             * Format: uuid
             * @description The captions asset the job makes (kind `subtitles`, an SRT, usable as a subtitles layer source). It exists only once the job has succeeded.
             */
            captionsAssetId: string;
        };
        TranscriptWordDto: {
            /** @example hello */
            word: string;
            /**
             * @description Seconds from the start of the source audio.
             * @example 0.32
             */
            startSec: number;
            /** @example 0.61 */
            endSec: number;
        };
        TranscriptSegmentDto: {
            /** @description Seconds from the start of the source audio. */
            startSec: number;
            /** @description Seconds from the start of the source audio. */
            endSec: number;
            /** @description What was said in this stretch, as the provider segmented it. */
            text: string;
            /** @description Empty when the provider gave no word timings. */
            words: components["schemas"]["TranscriptWordDto"][];
        };
        TranscriptDto: {
            /** @enum {string} */
            provider: "whisper.cpp" | "http";
            /** @example whisper-1 */
            model: string | null;
            /** @description As the provider reports it (a code or a name). */
            language: string | null;
            /**
             * Format: uuid
             * @description The asset the speech came from.
             */
            sourceAssetId: string;
            /** @description The provider's segments (pauses, sentences). */
            segments: components["schemas"]["TranscriptSegmentDto"][];
            /** @description Every word with its timing, in order. */
            words: components["schemas"]["TranscriptWordDto"][];
        };
        /**
         * @description The operation that made it.
         * @enum {string}
         */
        VariantKind: "trim" | "overlay" | "watermark" | "transcode" | "generated" | "thumbnail";
        VariantDto: {
            /** Format: uuid */
            id: string;
            /**
             * Format: uuid
             * @description The job that made it.
             */
            jobId: string;
            /**
             * Format: uuid
             * @description Null for multi-input generation.
             */
            sourceAssetId: string | null;
            /** Format: uuid */
            sourceVariantId: string | null;
            /** @description The operation that made it. */
            kind: components["schemas"]["VariantKind"];
            /** @example 720p */
            quality: string | null;
            /** @example video/mp4 */
            mime: string;
            /** @description Size in bytes. */
            sizeBytes: number;
            /** @description Seconds, by ffprobe of the output. */
            durationSec: number | null;
            /** @description Pixels. */
            width: number | null;
            /** @description Pixels. */
            height: number | null;
            /** @description The settings applied, after clamping (e.g. the end actually used). */
            config: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            createdAt: string;
            /** @example /v1/variants/0b7c…/content */
            contentUrl: string;
        };
        LibraryItemDto: {
            /**
             * @description Use as `{"library": "<ref>"}` in operations.
             * @example overlays/sparkles.png
             */
            ref: string;
            /**
             * @description The file name.
             * @example sparkles.png
             */
            name: string;
            /**
             * @description video, image or audio, from the probe.
             * @example image
             */
            kind: string;
            /**
             * @description From the probed container.
             * @example image/png
             */
            mime: string;
            /**
             * @description Size in bytes.
             * @example 29761
             */
            sizeBytes: number;
            /**
             * @description Seconds; null for stills.
             * @example 4
             */
            durationSec: number | null;
            /**
             * @description Pixels.
             * @example 512
             */
            width: number | null;
            /**
             * @description Pixels.
             * @example 512
             */
            height: number | null;
            /** @description Has an audio stream. */
            hasAudio: boolean;
        };
        /**
         * @description The paragraph direction used.
         * @enum {string}
         */
        ResolvedTextDirection: "ltr" | "rtl";
        TextMetricsDto: {
            /**
             * @description Width of the PNG in pixels (boxWidthPx).
             * @example 1080
             */
            widthPx: number;
            /**
             * @description Height of the PNG in pixels: boxHeightPx, or the text height when omitted.
             * @example 154
             */
            heightPx: number;
            /**
             * @description Width of the widest line, in pixels.
             * @example 702.5
             */
            textWidthPx: number;
            /**
             * @description Height of all line boxes, in pixels, without padding.
             * @example 153.6
             */
            textHeightPx: number;
            /**
             * @description The lines as drawn.
             * @example [
             *       "Luxury Beauty",
             *       "Secrets ✨"
             *     ]
             */
            lines: string[];
            /**
             * @description The font size used, in pixels (the auto-fit result when autoFit is set).
             * @example 64
             */
            fontSizePx: number;
            /** @description True when lines were dropped (maxLines, boxHeightPx) or a character is wider than the box. */
            overflow: boolean;
            /**
             * @description Characters no available font covers; they are left out of the image instead of drawn as boxes.
             * @example []
             */
            missingGlyphs: string[];
            /** @description The paragraph direction used. */
            direction: components["schemas"]["ResolvedTextDirection"];
        };
        TextPreviewDto: {
            /**
             * @description A family from GET /v1/library/fonts, or one of your uploaded fonts. Characters it lacks fall back per glyph to Noto Sans, Devanagari, Arabic, Hebrew, Thai, Bengali, Tamil, CJK SC, TC, KR, then Noto Color Emoji.
             * @default Noto Sans
             * @example Noto Sans
             */
            fontFamily?: string;
            /**
             * @description 'normal', 'bold' or a CSS weight 100-900. Families without a bold face are emboldened synthetically.
             * @default normal
             * @example bold
             */
            fontWeight?: ("normal" | "bold") | number;
            /**
             * @description Font size in pixels (the em size). Default: scales with the frame, 1/30 of its height (64 px on a 1920 px tall frame, 36 on 1080), at least 12. autoFit replaces it.
             * @example 64
             */
            fontSizePx?: number;
            /** @description Pick the largest whole pixel size in [min, max] at which the text fits the box (width, boxHeightPx, maxLines). */
            autoFit?: components["schemas"]["TextAutoFitDto"];
            /**
             * @description Text colour: #rgb, #rrggbb, #rrggbbaa, rgb(r, g, b) or rgba(r, g, b, a) with channels 0-255, alpha 0-1.
             * @default #ffffff
             * @example #ffffff
             */
            color?: string;
            /**
             * @description Line box height as a multiple of the font size.
             * @default 1.2
             */
            lineHeight?: number;
            /**
             * @description Extra space after each character, in pixels.
             * @default 0
             */
            letterSpacingPx?: number;
            /**
             * @description Horizontal alignment in the box. 'start' is left for left-to-right text and right for right-to-left text.
             * @default start
             */
            align?: components["schemas"]["TextAlign"];
            /**
             * @description 'auto' is right-to-left when the first strong character is Arabic, Hebrew, Syriac, Thaana or N'Ko.
             * @default auto
             */
            direction?: components["schemas"]["TextDirection"];
            /**
             * @description Keep at most this many lines; more is overflow.
             * @example 3
             */
            maxLines?: number;
            /** @description An outline drawn under the fill. */
            stroke?: components["schemas"]["TextStrokeDto"];
            /** @description A drop shadow cast by the outlined text. */
            shadow?: components["schemas"]["TextShadowDto"];
            /** @description A rounded box hugging the text block, under everything else. */
            background?: components["schemas"]["TextBackgroundDto"];
            /**
             * @description The text. `\n` starts a new line; longer lines wrap at the box width. 1-2,000 characters, at least one of them visible.
             * @example Luxury Beauty Secrets ✨
             */
            text: string;
            /**
             * @deprecated
             * @description Deprecated: give `widthPx` on the layer. Width of the PNG and the wrapping width, in pixels.
             * @example 1080
             */
            boxWidthPx?: number;
            /**
             * @deprecated
             * @description Deprecated: give `heightPx` on the layer. Height of the PNG; lines that do not fit are dropped.
             * @example 400
             */
            boxHeightPx?: number;
            /** @description Font, size, colour, outline... */
            style?: components["schemas"]["TextStyleDto"];
            /** @description Box width (wrapping width and PNG width) in pixels. Default: frameWidthPx. */
            widthPx?: number;
            /** @description Box height in pixels; lines that do not fit are dropped. Default: as tall as the text. */
            heightPx?: number;
            /**
             * @description Width of the target frame.
             * @default 1080
             */
            frameWidthPx?: number;
            /**
             * @description Height of the target frame; the default font size is 1/30 of it.
             * @default 1920
             */
            frameHeightPx?: number;
        };
        FontFamilyDto: {
            /**
             * @description The value to pass as fontFamily.
             * @example Noto Sans
             */
            name: string;
            /**
             * @description Faces bundled; other weights are synthesized.
             * @example [
             *       "regular",
             *       "bold"
             *     ]
             */
            styles: string[];
            /**
             * @description ISO 15924 codes of the scripts the family is bundled for (Zsye: emoji).
             * @example [
             *       "Latn",
             *       "Grek",
             *       "Cyrl"
             *     ]
             */
            scripts: string[];
            /**
             * @description Total size of the font files, in bytes.
             * @example 1028424
             */
            sizeBytes: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    Dashboard_createSession: {
        parameters: {
            query?: never;
            header: {
                /** @description The MASTER_KEY of this deployment. */
                "X-Master-Key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A short-lived login link for the queue dashboard (bull-board at /admin/queues); the response also sets the HttpOnly session cookie, for clients that keep cookies. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DashboardSessionDto"];
                };
            };
            /** @description Missing or wrong master key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Caller IP not in MASTER_IPS */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Admin_listTenants: {
        parameters: {
            query?: never;
            header: {
                /** @description The MASTER_KEY of this deployment. */
                "X-Master-Key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantDto"][];
                };
            };
            /** @description Missing or wrong master key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Caller IP not in MASTER_IPS */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Admin_createTenant: {
        parameters: {
            query?: never;
            header: {
                /** @description The MASTER_KEY of this deployment. */
                "X-Master-Key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTenantDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantDto"];
                };
            };
            /** @description Missing or wrong master key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Caller IP not in MASTER_IPS */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Admin_updateTenant: {
        parameters: {
            query?: never;
            header: {
                /** @description The MASTER_KEY of this deployment. */
                "X-Master-Key": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTenantDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantDto"];
                };
            };
            /** @description Missing or wrong master key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Caller IP not in MASTER_IPS */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Admin_webhookSecret: {
        parameters: {
            query?: never;
            header: {
                /** @description The MASTER_KEY of this deployment. */
                "X-Master-Key": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The signing secret, created on first read. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSecretDto"];
                };
            };
            /** @description Missing or wrong master key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Caller IP not in MASTER_IPS */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Admin_rotateWebhookSecret: {
        parameters: {
            query?: never;
            header: {
                /** @description The MASTER_KEY of this deployment. */
                "X-Master-Key": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A new secret; the old one stops signing at once. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSecretDto"];
                };
            };
            /** @description Missing or wrong master key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Caller IP not in MASTER_IPS */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Admin_listKeys: {
        parameters: {
            query?: {
                /** @description Only the keys of this tenant. */
                tenantId?: string;
            };
            header: {
                /** @description The MASTER_KEY of this deployment. */
                "X-Master-Key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyDto"][];
                };
            };
            /** @description Missing or wrong master key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Caller IP not in MASTER_IPS */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Admin_createKey: {
        parameters: {
            query?: never;
            header: {
                /** @description The MASTER_KEY of this deployment. */
                "X-Master-Key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyDto"];
            };
        };
        responses: {
            /** @description The record plus `key`, shown this once. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKeyDto"];
                };
            };
            /** @description Missing or wrong master key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Caller IP not in MASTER_IPS */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Admin_updateKey: {
        parameters: {
            query?: never;
            header: {
                /** @description The MASTER_KEY of this deployment. */
                "X-Master-Key": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateApiKeyDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyDto"];
                };
            };
            /** @description Missing or wrong master key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Caller IP not in MASTER_IPS */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Admin_revokeKey: {
        parameters: {
            query?: never;
            header: {
                /** @description The MASTER_KEY of this deployment. */
                "X-Master-Key": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyDto"];
                };
            };
            /** @description Missing or wrong master key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Caller IP not in MASTER_IPS */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Admin_rotateKey: {
        parameters: {
            query?: never;
            header: {
                /** @description The MASTER_KEY of this deployment. */
                "X-Master-Key": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A new key on the same record; the old one stops working. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKeyDto"];
                };
            };
            /** @description Missing or wrong master key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Caller IP not in MASTER_IPS */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Admin_usage: {
        parameters: {
            query?: never;
            header: {
                /** @description The MASTER_KEY of this deployment. */
                "X-Master-Key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantUsageDto"][];
                };
            };
            /** @description Missing or wrong master key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Caller IP not in MASTER_IPS */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Assets_list: {
        parameters: {
            query?: {
                /** @description 1-based page number. */
                page?: number;
                /** @description Items per page. */
                pageSize?: number;
                /** @description Only assets of this kind. */
                kind?: components["schemas"]["AssetKind"];
            };
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssetPageDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Assets_upload: {
        parameters: {
            query?: {
                /** @description `beats`: queue the beat analysis (GET /v1/assets/{id}/analysis) as soon as the file is stored, so a timeline can snap cuts to beats without waiting for it later. */
                analyze?: "beats";
            };
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description A video, image, audio, font, or SRT/WebVTT captions file (UTF-8, at most 1 MiB).
                     */
                    file: string;
                };
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadedAssetDto"];
                };
            };
            /** @description Malformed captions (the message names the line) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Larger than MAX_UPLOAD_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Not media of an allowed kind, or probing timed out */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Assets_importFromUrl: {
        parameters: {
            query?: never;
            header?: {
                /** @description As for operations: the same key and body within 24 h answer the first job (and its assetId). */
                "Idempotency-Key"?: string;
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImportAssetDto"];
            };
        };
        responses: {
            /** @description Queued: a worker fetches the URL, probes the bytes like an upload and creates the asset under `assetId`. The job fails with `invalid_input` for a refused target (private address, bad redirect) and `invalid_media` for content that is not allowed media; no asset is made then. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportAcceptedDto"];
                };
            };
            /** @description Not an http(s) URL, or an unknown kind */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Idempotency-Key reused with a different body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Assets_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssetDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Assets_delete: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The asset, its variants and their files are gone. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Assets_analysis: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The analysis, computed once per asset and cached. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AudioAnalysisDto"];
                };
            };
            /** @description Not computed yet: an `analysis` job is queued (Location: the job). Repeated requests while it runs answer the same job; once it has succeeded, this answers 200. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobAcceptedDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description The asset has no audio stream */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Assets_content: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The original bytes, with the probed Content-Type. Supports Range (206). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Assets_url: {
        parameters: {
            query?: {
                /** @description Seconds the link works for (default SIGNED_URL_DEFAULT_EXPIRES_SEC, 3600). At most SIGNED_URL_MAX_EXPIRES_SEC, and never over 604800 (7 days, the S3 limit for presigned URLs). */
                expiresInSec?: number;
            };
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A link to the original that works without an API key until it expires. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignedUrlDto"];
                };
            };
            /** @description expiresInSec out of bounds */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Jobs_list: {
        parameters: {
            query?: {
                /** @description 1-based page number. */
                page?: number;
                /** @description Items per page. */
                pageSize?: number;
                status?: components["schemas"]["JobStatus"];
                type?: components["schemas"]["JobType"];
            };
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobPageDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Jobs_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Jobs_cancel: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Canceled: a waiting job is removed from its queue, a running one has its ffmpeg stopped. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Already succeeded, failed or canceled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Jobs_retry: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued again under the same id; attempts keep counting. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Not failed or canceled, or its last attempt still stopping */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Jobs_webhooks: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every delivery attempt, oldest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryDto"][];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Jobs_events: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Server-sent events: `status` {status, error}, `progress` {progress} and `eta` {etaSec, queuePosition}, each when it changes (checked every 500 ms; the end of a job is sent at once), a `: heartbeat` comment every 15 s; closes after a terminal status. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Jobs_result: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The main output. Supports Range (206). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "video/mp4": components["schemas"]["ApiErrorDto"];
                    "audio/mp4": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "video/mp4": components["schemas"]["ApiErrorDto"];
                    "audio/mp4": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Still queued or processing, or canceled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "video/mp4": components["schemas"]["ApiErrorDto"];
                    "audio/mp4": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description The job failed; the body carries its error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "video/mp4": components["schemas"]["ApiErrorDto"];
                    "audio/mp4": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "video/mp4": components["schemas"]["ApiErrorDto"];
                    "audio/mp4": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Rendering_trim: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1-255 visible ASCII characters. The same key and body within 24 h answer the first job again; the same key with another body is a 409 `idempotency_conflict`. */
                "Idempotency-Key"?: string;
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTrimDto"];
            };
        };
        responses: {
            /** @description Queued; follow links.self. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobAcceptedDto"];
                };
            };
            /** @description Malformed times, end <= start, start past the end */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description No such asset for this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Idempotency-Key reused with a different body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description The asset is not video or audio */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Rendering_transcode: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1-255 visible ASCII characters. The same key and body within 24 h answer the first job again; the same key with another body is a 409 `idempotency_conflict`. */
                "Idempotency-Key"?: string;
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTranscodeDto"];
            };
        };
        responses: {
            /** @description Queued; `skipped` lists rungs above the source. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TranscodeAcceptedDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Idempotency-Key reused with a different body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Not a video, or every rung is above the source */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Rendering_thumbnails: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1-255 visible ASCII characters. The same key and body within 24 h answer the first job again; the same key with another body is a 409 `idempotency_conflict`. */
                "Idempotency-Key"?: string;
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateThumbnailsDto"];
            };
        };
        responses: {
            /** @description Queued; each still becomes a thumbnail variant (JPEG). */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobAcceptedDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Idempotency-Key reused with a different body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Not a video */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Rendering_overlays: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1-255 visible ASCII characters. The same key and body within 24 h answer the first job again; the same key with another body is a 409 `idempotency_conflict`. */
                "Idempotency-Key"?: string;
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOverlaysDto"];
            };
        };
        responses: {
            /** @description Queued; the output is an `overlay` variant. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobAcceptedDto"];
                };
            };
            /** @description A field is malformed: expression, window, colour, font, source */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Idempotency-Key reused with a different body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description A source of the wrong kind (a video where an image is needed) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Rendering_watermark: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1-255 visible ASCII characters. The same key and body within 24 h answer the first job again; the same key with another body is a 409 `idempotency_conflict`. */
                "Idempotency-Key"?: string;
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWatermarkDto"];
            };
        };
        responses: {
            /** @description Queued; the output is a `watermark` variant. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobAcceptedDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Idempotency-Key reused with a different body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Generate_generate: {
        parameters: {
            query?: {
                /** @description true: answer the expanded composition, the plan and the ffmpeg argv with warnings; render nothing. */
                dryRun?: "true" | "false";
            };
            header?: {
                /** @description As for every operation: the same key and body within 24 h answer the first job again. */
                "Idempotency-Key"?: string;
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description `{template, fields, output?}` (see GET /v1/templates) or `{composition}`. The output is a `generated` variant plus a `thumbnail` poster from the middle of the video. */
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description A name from GET /v1/templates
                     * @example golden-frame
                     */
                    template: string;
                    /**
                     * @description The template's merge fields; their schema is in GET /v1/templates/{name}
                     * @default {}
                     */
                    fields?: {
                        [key: string]: unknown;
                    };
                    /** @description Overrides of the template's output (fps, format, quality, preview, ...), as in a composition */
                    output?: {
                        [key: string]: unknown;
                    };
                    /**
                     * @description Within a job type, higher priorities run first; equal priorities run oldest first.
                     * @enum {string}
                     */
                    priority?: "high" | "normal" | "low";
                    /** @description POSTed the signed job body when the job ends; default the tenant's webhook URL. */
                    webhookUrl?: string;
                } | {
                    composition: {
                        /**
                         * @default {
                         *       "widthPx": 1080,
                         *       "heightPx": 1920,
                         *       "fps": 30,
                         *       "format": "mp4",
                         *       "quality": "medium",
                         *       "background": "#000000",
                         *       "preview": false,
                         *       "loudnorm": false
                         *     }
                         */
                        output?: {
                            /** @default 1080 */
                            widthPx?: number;
                            /** @default 1920 */
                            heightPx?: number;
                            /** @default 30 */
                            fps?: number;
                            durationSec?: number;
                            /**
                             * @default mp4
                             * @enum {string}
                             */
                            format?: "mp4" | "webm" | "gif";
                            /**
                             * @default medium
                             * @enum {string}
                             */
                            quality?: "low" | "medium" | "high";
                            /** @default #000000 */
                            background?: string;
                            /** @default false */
                            preview?: boolean;
                            /** @default false */
                            loudnorm?: boolean;
                        };
                        layers: ({
                            /** @enum {string} */
                            type: "color";
                            /** @default 0 */
                            startSec?: number;
                            durationSec?: number;
                            xPx?: number;
                            yPx?: number;
                            /** @enum {string} */
                            anchor?: "top-left" | "top" | "top-right" | "left" | "center" | "right" | "bottom-left" | "bottom" | "bottom-right";
                            /** @default 0 */
                            marginPx?: number;
                            widthPx?: number;
                            heightPx?: number;
                            /** @default 1 */
                            opacity?: number;
                            /** @default 0 */
                            rotationDeg?: number;
                            /** @default 0 */
                            fadeInSec?: number;
                            /** @default 0 */
                            fadeOutSec?: number;
                            adjust?: {
                                /** @default 0 */
                                brightness?: number;
                                /** @default 1 */
                                contrast?: number;
                                /** @default 1 */
                                saturation?: number;
                                /** @default 0 */
                                blurPx?: number;
                            };
                            track?: string;
                            transition?: {
                                /** @enum {string} */
                                type: "fade" | "fadeblack" | "fadewhite" | "dissolve" | "wipeleft" | "wiperight" | "wipeup" | "wipedown" | "slideleft" | "slideright" | "slideup" | "slidedown" | "circleopen" | "circleclose" | "radial" | "smoothleft" | "smoothright" | "zoomin";
                                /** @default 0.5 */
                                durationSec?: number;
                            };
                            color: string;
                        } | {
                            /** @enum {string} */
                            type: "image";
                            /** @default 0 */
                            startSec?: number;
                            durationSec?: number;
                            xPx?: number;
                            yPx?: number;
                            /** @enum {string} */
                            anchor?: "top-left" | "top" | "top-right" | "left" | "center" | "right" | "bottom-left" | "bottom" | "bottom-right";
                            /** @default 0 */
                            marginPx?: number;
                            widthPx?: number;
                            heightPx?: number;
                            /** @default 1 */
                            opacity?: number;
                            /** @default 0 */
                            rotationDeg?: number;
                            /** @default 0 */
                            fadeInSec?: number;
                            /** @default 0 */
                            fadeOutSec?: number;
                            adjust?: {
                                /** @default 0 */
                                brightness?: number;
                                /** @default 1 */
                                contrast?: number;
                                /** @default 1 */
                                saturation?: number;
                                /** @default 0 */
                                blurPx?: number;
                            };
                            track?: string;
                            transition?: {
                                /** @enum {string} */
                                type: "fade" | "fadeblack" | "fadewhite" | "dissolve" | "wipeleft" | "wiperight" | "wipeup" | "wipedown" | "slideleft" | "slideright" | "slideup" | "slidedown" | "circleopen" | "circleclose" | "radial" | "smoothleft" | "smoothright" | "zoomin";
                                /** @default 0.5 */
                                durationSec?: number;
                            };
                            source: {
                                /** Format: uuid */
                                assetId: string;
                            } | {
                                /**
                                 * Format: uuid
                                 * @description An output of one of your earlier jobs (a single file, not an HLS package)
                                 */
                                variantId: string;
                            } | {
                                /** @description A bundled library item, e.g. `overlays/glitter-4s.mp4` (see GET /v1/library/*) */
                                library: string;
                            } | {
                                /**
                                 * Format: uri
                                 * @description Fetched by the worker through the SSRF-safe client, then probed like an upload
                                 */
                                url: string;
                            };
                            /**
                             * @default cover
                             * @enum {string}
                             */
                            fit?: "cover" | "contain" | "fill" | "blur";
                            kenBurns?: {
                                /** @default 1 */
                                zoomFrom?: number;
                                /** @default 1.05 */
                                zoomTo?: number;
                                /**
                                 * @default {
                                 *       "x": 0.5,
                                 *       "y": 0.5
                                 *     }
                                 */
                                panFrom?: {
                                    x: number;
                                    y: number;
                                };
                                /**
                                 * @default {
                                 *       "x": 0.5,
                                 *       "y": 0.5
                                 *     }
                                 */
                                panTo?: {
                                    x: number;
                                    y: number;
                                };
                                /**
                                 * @default easeInOut
                                 * @enum {string}
                                 */
                                easing?: "linear" | "easeIn" | "easeOut" | "easeInOut";
                            };
                        } | {
                            /** @enum {string} */
                            type: "video";
                            /** @default 0 */
                            startSec?: number;
                            durationSec?: number;
                            xPx?: number;
                            yPx?: number;
                            /** @enum {string} */
                            anchor?: "top-left" | "top" | "top-right" | "left" | "center" | "right" | "bottom-left" | "bottom" | "bottom-right";
                            /** @default 0 */
                            marginPx?: number;
                            widthPx?: number;
                            heightPx?: number;
                            /** @default 1 */
                            opacity?: number;
                            /** @default 0 */
                            rotationDeg?: number;
                            /** @default 0 */
                            fadeInSec?: number;
                            /** @default 0 */
                            fadeOutSec?: number;
                            adjust?: {
                                /** @default 0 */
                                brightness?: number;
                                /** @default 1 */
                                contrast?: number;
                                /** @default 1 */
                                saturation?: number;
                                /** @default 0 */
                                blurPx?: number;
                            };
                            track?: string;
                            transition?: {
                                /** @enum {string} */
                                type: "fade" | "fadeblack" | "fadewhite" | "dissolve" | "wipeleft" | "wiperight" | "wipeup" | "wipedown" | "slideleft" | "slideright" | "slideup" | "slidedown" | "circleopen" | "circleclose" | "radial" | "smoothleft" | "smoothright" | "zoomin";
                                /** @default 0.5 */
                                durationSec?: number;
                            };
                            source: {
                                /** Format: uuid */
                                assetId: string;
                            } | {
                                /**
                                 * Format: uuid
                                 * @description An output of one of your earlier jobs (a single file, not an HLS package)
                                 */
                                variantId: string;
                            } | {
                                /** @description A bundled library item, e.g. `overlays/glitter-4s.mp4` (see GET /v1/library/*) */
                                library: string;
                            } | {
                                /**
                                 * Format: uri
                                 * @description Fetched by the worker through the SSRF-safe client, then probed like an upload
                                 */
                                url: string;
                            };
                            /**
                             * @default cover
                             * @enum {string}
                             */
                            fit?: "cover" | "contain" | "fill" | "blur";
                            kenBurns?: {
                                /** @default 1 */
                                zoomFrom?: number;
                                /** @default 1.05 */
                                zoomTo?: number;
                                /**
                                 * @default {
                                 *       "x": 0.5,
                                 *       "y": 0.5
                                 *     }
                                 */
                                panFrom?: {
                                    x: number;
                                    y: number;
                                };
                                /**
                                 * @default {
                                 *       "x": 0.5,
                                 *       "y": 0.5
                                 *     }
                                 */
                                panTo?: {
                                    x: number;
                                    y: number;
                                };
                                /**
                                 * @default easeInOut
                                 * @enum {string}
                                 */
                                easing?: "linear" | "easeIn" | "easeOut" | "easeInOut";
                            };
                            /** @default 0 */
                            trimStartSec?: number;
                            trimEndSec?: number;
                            /** @default 1 */
                            speed?: number;
                            /** @default false */
                            loop?: boolean;
                            /** @default false */
                            muted?: boolean;
                            /** @default 1 */
                            volume?: number;
                        } | {
                            /** @enum {string} */
                            type: "text";
                            /** @default 0 */
                            startSec?: number;
                            durationSec?: number;
                            xPx?: number;
                            yPx?: number;
                            /** @enum {string} */
                            anchor?: "top-left" | "top" | "top-right" | "left" | "center" | "right" | "bottom-left" | "bottom" | "bottom-right";
                            /** @default 0 */
                            marginPx?: number;
                            widthPx?: number;
                            heightPx?: number;
                            /** @default 1 */
                            opacity?: number;
                            /** @default 0 */
                            rotationDeg?: number;
                            /** @default 0 */
                            fadeInSec?: number;
                            /** @default 0 */
                            fadeOutSec?: number;
                            adjust?: {
                                /** @default 0 */
                                brightness?: number;
                                /** @default 1 */
                                contrast?: number;
                                /** @default 1 */
                                saturation?: number;
                                /** @default 0 */
                                blurPx?: number;
                            };
                            track?: string;
                            transition?: {
                                /** @enum {string} */
                                type: "fade" | "fadeblack" | "fadewhite" | "dissolve" | "wipeleft" | "wiperight" | "wipeup" | "wipedown" | "slideleft" | "slideright" | "slideup" | "slidedown" | "circleopen" | "circleclose" | "radial" | "smoothleft" | "smoothright" | "zoomin";
                                /** @default 0.5 */
                                durationSec?: number;
                            };
                            text: string;
                            /**
                             * @default {
                             *       "color": "#ffffff"
                             *     }
                             */
                            style?: {
                                fontFamily?: string;
                                fontWeight?: ("normal" | "bold") | number;
                                fontSizePx?: number;
                                autoFit?: {
                                    minFontSizePx: number;
                                    maxFontSizePx: number;
                                };
                                /** @default #ffffff */
                                color?: string;
                                lineHeight?: number;
                                letterSpacingPx?: number;
                                /** @enum {string} */
                                align?: "left" | "center" | "right" | "start" | "end";
                                /** @enum {string} */
                                direction?: "auto" | "ltr" | "rtl";
                                maxLines?: number;
                                stroke?: {
                                    color: string;
                                    widthPx: number;
                                };
                                shadow?: {
                                    color: string;
                                    offsetXPx: number;
                                    offsetYPx: number;
                                    blurPx: number;
                                };
                                background?: {
                                    color: string;
                                    paddingPx: number;
                                    radiusPx: number;
                                };
                            };
                        } | {
                            /** @enum {string} */
                            type: "subtitles";
                            /** @default 0 */
                            startSec?: number;
                            durationSec?: number;
                            xPx?: number;
                            yPx?: number;
                            /** @enum {string} */
                            anchor?: "top-left" | "top" | "top-right" | "left" | "center" | "right" | "bottom-left" | "bottom" | "bottom-right";
                            /** @default 0 */
                            marginPx?: number;
                            widthPx?: number;
                            heightPx?: number;
                            /** @default 1 */
                            opacity?: number;
                            /** @default 0 */
                            rotationDeg?: number;
                            /** @default 0 */
                            fadeInSec?: number;
                            /** @default 0 */
                            fadeOutSec?: number;
                            adjust?: {
                                /** @default 0 */
                                brightness?: number;
                                /** @default 1 */
                                contrast?: number;
                                /** @default 1 */
                                saturation?: number;
                                /** @default 0 */
                                blurPx?: number;
                            };
                            track?: string;
                            transition?: {
                                /** @enum {string} */
                                type: "fade" | "fadeblack" | "fadewhite" | "dissolve" | "wipeleft" | "wiperight" | "wipeup" | "wipedown" | "slideleft" | "slideright" | "slideup" | "slidedown" | "circleopen" | "circleclose" | "radial" | "smoothleft" | "smoothright" | "zoomin";
                                /** @default 0.5 */
                                durationSec?: number;
                            };
                            source: {
                                /** Format: uuid */
                                assetId: string;
                            } | {
                                /** @description SRT or WebVTT text */
                                inline: string;
                            };
                            /**
                             * @default {
                             *       "color": "#ffffff"
                             *     }
                             */
                            style?: {
                                fontFamily?: string;
                                fontWeight?: ("normal" | "bold") | number;
                                fontSizePx?: number;
                                autoFit?: {
                                    minFontSizePx: number;
                                    maxFontSizePx: number;
                                };
                                /** @default #ffffff */
                                color?: string;
                                lineHeight?: number;
                                letterSpacingPx?: number;
                                /** @enum {string} */
                                align?: "left" | "center" | "right" | "start" | "end";
                                /** @enum {string} */
                                direction?: "auto" | "ltr" | "rtl";
                                maxLines?: number;
                                stroke?: {
                                    color: string;
                                    widthPx: number;
                                };
                                shadow?: {
                                    color: string;
                                    offsetXPx: number;
                                    offsetYPx: number;
                                    blurPx: number;
                                };
                                background?: {
                                    color: string;
                                    paddingPx: number;
                                    radiusPx: number;
                                };
                            };
                        } | {
                            /** @enum {string} */
                            type: "audio";
                            /** @default 0 */
                            startSec?: number;
                            durationSec?: number;
                            source: {
                                /** Format: uuid */
                                assetId: string;
                            } | {
                                /**
                                 * Format: uuid
                                 * @description An output of one of your earlier jobs (a single file, not an HLS package)
                                 */
                                variantId: string;
                            } | {
                                /** @description A bundled library item, e.g. `overlays/glitter-4s.mp4` (see GET /v1/library/*) */
                                library: string;
                            } | {
                                /**
                                 * Format: uri
                                 * @description Fetched by the worker through the SSRF-safe client, then probed like an upload
                                 */
                                url: string;
                            };
                            /** @default 0 */
                            trimStartSec?: number;
                            trimEndSec?: number;
                            /** @default 1 */
                            volume?: number;
                            /** @default 0 */
                            fadeInSec?: number;
                            /** @default 0 */
                            fadeOutSec?: number;
                            /** @default false */
                            loop?: boolean;
                        })[];
                    };
                    /**
                     * @description Within a job type, higher priorities run first; equal priorities run oldest first.
                     * @enum {string}
                     */
                    priority?: "high" | "normal" | "low";
                    /** @description POSTed the signed job body when the job ends; default the tenant's webhook URL. */
                    webhookUrl?: string;
                };
            };
        };
        responses: {
            /** @description dryRun=true: what would run; nothing is queued. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DryRunDto"];
                };
            };
            /** @description Queued; follow links.self. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobAcceptedDto"];
                };
            };
            /** @description Names every bad or missing field (fields.*, composition.*) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description A referenced asset does not exist for this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description A referenced asset is of the wrong kind */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Generate_templates: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every template with the JSON Schema of its fields and an example. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateDto"][];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Generate_template: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Projects_list: {
        parameters: {
            query?: {
                /** @description 1-based page number. */
                page?: number;
                /** @description Items per page. */
                pageSize?: number;
                /** @description Only projects with this tag (`key:value`); repeat for all of several. */
                tag?: string[];
            };
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectPageDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Projects_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Shown in listings; need not be unique.
                     * @example Spring launch reel
                     */
                    name: string;
                    /**
                     * @description The caller's own labels, string to string (a user id of its system, a campaign). Filter with ?tag=key:value.
                     * @default {}
                     * @example {
                     *       "userId": "u-42"
                     *     }
                     */
                    tags?: {
                        [key: string]: string;
                    };
                    /** @description A composition exactly as `composition` in POST /v1/generate. */
                    composition: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Version 1; ETag and Location are set. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDto"];
                };
            };
            /** @description Names every bad field (name, tags.*, composition.*) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description The composition names an asset this tenant does not have */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description An asset of the wrong kind for its layer */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Projects_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The newest version; ETag is its number. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Projects_replace: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version this edit is based on ("3"), or * for any. Required unless the body carries `version`; a stale one is a 412, none at all a 428. */
                "If-Match"?: string;
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Shown in listings; need not be unique.
                     * @example Spring launch reel
                     */
                    name: string;
                    /**
                     * @description The caller's own labels, string to string (a user id of its system, a campaign). Filter with ?tag=key:value.
                     * @default {}
                     * @example {
                     *       "userId": "u-42"
                     *     }
                     */
                    tags?: {
                        [key: string]: string;
                    };
                    /** @description A composition exactly as `composition` in POST /v1/generate. */
                    composition: {
                        [key: string]: unknown;
                    };
                    /** @description The version this edit is based on; instead of If-Match. A stale version is a 412. */
                    version?: number;
                };
            };
        };
        responses: {
            /** @description The new version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDto"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description The project has a newer version than If-Match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Neither If-Match nor version was sent */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Projects_delete: {
        parameters: {
            query?: never;
            header?: {
                /** @description Optional: delete only if the project is still at this version. */
                "If-Match"?: string;
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The project, its versions and render records are gone; render jobs stay. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description The project has a newer version than If-Match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Projects_patch: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version this edit is based on ("3"), or * for any. Required unless the body carries `version`; a stale one is a 412, none at all a 428. */
                "If-Match"?: string;
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description RFC 6902 operations on `{name, tags, composition}`, e.g. `[{"op": "replace", "path": "/composition/layers/1/startSec", "value": 2}]`. All apply or none; the result is validated like a PUT. */
        requestBody: {
            content: {
                "application/json-patch+json": {
                    /** @enum {string} */
                    op: "add" | "remove" | "replace" | "move" | "copy" | "test";
                    /**
                     * @description JSON Pointer (RFC 6901)
                     * @example /composition/layers/1/startSec
                     */
                    path: string;
                    /** @description For move and copy */
                    from?: string;
                    /** @description For add, replace and test */
                    value?: unknown;
                }[];
                "application/json": {
                    /** @enum {string} */
                    op: "add" | "remove" | "replace" | "move" | "copy" | "test";
                    /**
                     * @description JSON Pointer (RFC 6901)
                     * @example /composition/layers/1/startSec
                     */
                    path: string;
                    /** @description For move and copy */
                    from?: string;
                    /** @description For add, replace and test */
                    value?: unknown;
                }[];
            };
        };
        responses: {
            /** @description The new version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDto"];
                };
            };
            /** @description A failing operation (details name `patch.<i>.path`) or an invalid result (`composition.*`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description The project has a newer version than If-Match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Neither If-Match nor version was sent */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Projects_versions: {
        parameters: {
            query?: {
                /** @description 1-based page number. */
                page?: number;
                /** @description Items per page. */
                pageSize?: number;
            };
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectVersionPageDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Projects_version: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectVersionDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Projects_restore: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version this edit is based on ("3"), or * for any. Required unless the body carries `version`; a stale one is a 412, none at all a 428. */
                "If-Match"?: string;
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description The version this edit is based on; instead of If-Match. A stale version is a 412. */
                    version?: number;
                };
            };
        };
        responses: {
            /** @description A new version with that version's composition (name and tags stay as they are). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description The project has a newer version than If-Match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Neither If-Match nor version was sent */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Projects_renders: {
        parameters: {
            query?: {
                /** @description 1-based page number. */
                page?: number;
                /** @description Items per page. */
                pageSize?: number;
            };
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectRenderPageDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Projects_render: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /**
                     * @description Within a job type, higher priorities run first; equal priorities run oldest first.
                     * @enum {string}
                     */
                    priority?: "high" | "normal" | "low";
                    /** @description POSTed the signed job body when the job ends; default the tenant's webhook URL. */
                    webhookUrl?: string;
                    /** @description The version to render; default the newest. */
                    version?: number;
                    /**
                     * @description Render even when a render of the same content exists (e.g. a `{url}` source changed behind the same URL).
                     * @default false
                     */
                    force?: boolean;
                };
            };
        };
        responses: {
            /** @description An earlier render of the same content is answered (`reused: true`); nothing new is rendered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectRenderAnswerDto"];
                };
            };
            /** @description A new render (a `generate` job) was queued. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectRenderAnswerDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description No such project or version, or an asset is gone */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Projects_getRender: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
                renderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectRenderDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Projects_renderLog: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
                renderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Warnings, the error and the end of ffmpeg's stderr. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectRenderLogDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Transcribe_transcribe: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TranscribeAssetDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TranscribeAcceptedDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description The asset has no audio stream */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description No transcription provider is configured */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Transcribe_transcript: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Word timings of a captions asset made by transcription. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TranscriptDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description No such asset, or it was not made by transcription */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Variants_listForAsset: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VariantDto"][];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Variants_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VariantDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Variants_content: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The output bytes. Supports Range (206). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Variants_url: {
        parameters: {
            query?: {
                /** @description Seconds the link works for (default SIGNED_URL_DEFAULT_EXPIRES_SEC, 3600). At most SIGNED_URL_MAX_EXPIRES_SEC, and never over 604800 (7 days, the S3 limit for presigned URLs). */
                expiresInSec?: number;
            };
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignedUrlDto"];
                };
            };
            /** @description expiresInSec out of bounds */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Variants_file: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path: {
                id: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A playlist (application/vnd.apple.mpegurl) or a segment (video/mp2t). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Library_overlays: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Images and videos to lay over a video. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LibraryItemDto"][];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Library_frames: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Frame PNGs with transparent centres. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LibraryItemDto"][];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Library_audio: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Audio beds. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LibraryItemDto"][];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Library_styles: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Style clips for the style-clip template. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LibraryItemDto"][];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Text_preview: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TextPreviewDto"];
            };
        };
        responses: {
            /** @description The text layer as a transparent PNG (default), or its metrics as JSON when the request sends Accept: application/json. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": string;
                    "application/json": components["schemas"]["TextMetricsDto"];
                };
            };
            /** @description Invalid field (details name it): a bad colour, an unknown fontFamily, out-of-range sizes, empty text, characters no font can draw */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": components["schemas"]["ApiErrorDto"];
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": components["schemas"]["ApiErrorDto"];
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": components["schemas"]["ApiErrorDto"];
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Text_listFonts: {
        parameters: {
            query?: never;
            header?: {
                /** @description rf_<prefix>_<secret> (or Authorization: Bearer) */
                "X-API-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bundled font families usable as fontFamily. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FontFamilyDto"][];
                };
            };
            /** @description Missing, unknown, revoked or expired key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description Rate limit reached; see Retry-After and RateLimit-* headers */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    Health_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Health_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description `{status, checks}`: database, Redis, ffmpeg and disk are usable (`ok` each). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description At least one check failed; `checks` names it (`failed`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AdminHealth_detail: {
        parameters: {
            query?: never;
            header: {
                /** @description The MASTER_KEY of this deployment. */
                "X-Master-Key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every readiness check with its detail (ffmpeg and ffprobe versions, free disk, errors) and what each live worker published: id, readiness, why it is paused, running job ids, circuit-breaker states. 200 even when a check fails: this is a report, not a probe. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or wrong master key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
    SignedFiles_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, with Range support; a 302 to the object store for HLS segments on S3. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Expired, altered or unknown link */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
            /** @description The file was deleted, or is not part of the package */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorDto"];
                };
            };
        };
    };
}
