package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"workbook/serve/problem"
)

// backendClient calls the backend service over real HTTP, carrying the trace
// context and the request ID with each call.
type backendClient struct {
	base   string // e.g. http://127.0.0.1:41234
	client *http.Client
	tracer trace.Tracer
}

// getArticle fetches one article. found is false for the backend's 404.
func (c *backendClient) getArticle(r *http.Request, slug string) (a article, found bool, err error) {
	ctx, span := c.tracer.Start(r.Context(), "GET backend /internal/articles/{slug}",
		trace.WithSpanKind(trace.SpanKindClient))
	defer span.End()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/internal/articles/"+url.PathEscape(slug), nil)
	if err != nil {
		return a, false, err
	}
	propagator.Inject(ctx, propagation.HeaderCarrier(req.Header))
	req.Header.Set(problem.RequestIDHeader, requestIDFrom(ctx))
	resp, err := c.client.Do(req)
	if err != nil {
		span.SetStatus(codes.Error, "backend unreachable")
		return a, false, err
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusOK:
		err = json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&a)
		return a, err == nil, err
	case http.StatusNotFound:
		return a, false, nil
	}
	span.SetStatus(codes.Error, resp.Status)
	return a, false, fmt.Errorf("backend: %s", resp.Status)
}

// frontendRoutes is the public service.
func frontendRoutes(o *observer, be *backendClient, ready http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /livez", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent) // alive: the process answers; no dependency is asked
	})
	mux.Handle("GET /readyz", ready)
	mux.Handle("GET /metrics", o.metrics.handler())
	mux.HandleFunc("GET /articles/{slug}", func(w http.ResponseWriter, r *http.Request) {
		a, found, err := be.getArticle(r, r.PathValue("slug"))
		switch {
		case err != nil:
			o.logger.ErrorContext(r.Context(), "backend call failed", "err", err)
			problem.Error(w, r, http.StatusBadGateway, "the article service did not answer")
		case !found:
			problem.Error(w, r, http.StatusNotFound, "no article with this slug")
		default:
			w.Header().Set("Content-Type", "application/json")
			_ = json.NewEncoder(w).Encode(a)
		}
	})
	mux.HandleFunc("POST /newsletter", func(w http.ResponseWriter, r *http.Request) {
		email, p := readSignup(w, r)
		if p != nil {
			problem.Write(w, r, p)
			return
		}
		// The address is logged on purpose: redact must mask it.
		o.logger.InfoContext(r.Context(), "newsletter signup",
			slog.Group("subscriber", "email", email, "domain", email[strings.LastIndexByte(email, '@')+1:]))
		w.WriteHeader(http.StatusAccepted)
	})
	return o.wrap(mux)
}

// readSignup decodes {"email": "..."} with the house rules for bad input.
func readSignup(w http.ResponseWriter, r *http.Request) (string, *problem.Problem) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return "", problem.New(http.StatusUnsupportedMediaType, "send Content-Type: application/json")
	}
	var body struct {
		Email string `json:"email"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return "", problem.New(http.StatusRequestEntityTooLarge, "the body is larger than 4 KiB")
		}
		return "", problem.New(http.StatusBadRequest, "the body is not a JSON object with an email member")
	}
	at := strings.IndexByte(body.Email, '@')
	if at < 1 || at == len(body.Email)-1 || len(body.Email) > 254 {
		p := problem.New(http.StatusUnprocessableEntity, "the signup has invalid fields")
		p.Errors = []problem.FieldError{{Pointer: "/email", Detail: "must be an e-mail address"}}
		return "", p
	}
	return body.Email, nil
}
