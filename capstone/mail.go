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
// log — and the AccountEmails that send the welcome and reset emails as jobs.
func newMailer(cfg config, users service.UserStore, logger *slog.Logger) (*service.AccountEmails, error) {
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
	return &service.AccountEmails{Users: users, Mailer: m, BaseURL: strings.TrimRight(cfg.PublicURL, "/"), Domain: domain}, nil
}
