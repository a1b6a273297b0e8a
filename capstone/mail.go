package main

import (
	"log/slog"
	"net/mail"
	"strings"

	"workbook/capstone/logmail"
	"workbook/capstone/service"
	"workbook/capstone/smtp"
)

// newMailer picks the mail transport — SMTP when SMTP_URL is set, else the
// log — and the AccountEmails that send the welcome, reset and digest
// emails as jobs, recording in store what was sent.
func newMailer(cfg config, store service.Store, logger *slog.Logger) (*service.AccountEmails, error) {
	var m service.Mailer = logmail.Mailer{Logger: logger}
	if cfg.SMTPURL != "" {
		sm, err := smtp.New(cfg.SMTPURL, cfg.MailFrom)
		if err != nil {
			return nil, err
		}
		m = sm
		logger.Info("email", "kind", "smtp", "server", redactURL(cfg.SMTPURL))
	} else {
		logger.Info("email", "kind", "log")
	}
	domain := "conduit.localhost"
	if a, err := mail.ParseAddress(cfg.MailFrom); err == nil {
		domain = a.Address[strings.LastIndex(a.Address, "@")+1:]
	}
	return &service.AccountEmails{Users: store, Mailer: m, BaseURL: strings.TrimRight(cfg.PublicURL, "/"), Domain: domain,
		Effects: store, Logger: logger}, nil
}
