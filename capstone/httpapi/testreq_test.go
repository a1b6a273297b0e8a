package httpapi

import (
	"net/http"
	"net/http/httptest"
)

func newRequest(method, target string) *http.Request { return httptest.NewRequest(method, target, nil) }

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }
