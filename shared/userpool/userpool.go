// Package userpool registers the web console's address on the stack's Cognito app client. The
// template cannot do it itself: the HttpApi's JWT authorizer names the client, so the client
// cannot name the HttpApi's URL without a circular reference. A custom resource that depends on
// both calls RegisterConsole after they exist.
package userpool

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

// ClientAPI is the part of Cognito the registration uses.
type ClientAPI interface {
	DescribeUserPoolClient(ctx context.Context, in *cip.DescribeUserPoolClientInput, opts ...func(*cip.Options)) (*cip.DescribeUserPoolClientOutput, error)
	UpdateUserPoolClient(ctx context.Context, in *cip.UpdateUserPoolClientInput, opts ...func(*cip.Options)) (*cip.UpdateUserPoolClientOutput, error)
}

// RegisterConsole adds urls to the app client's callback and sign-out URLs. Every other setting
// is sent back as read, because UpdateUserPoolClient resets whatever it is not given.
func RegisterConsole(ctx context.Context, api ClientAPI, poolID, clientID string, urls []string) error {
	if poolID == "" || clientID == "" || len(urls) == 0 {
		return errors.New("register console: the user pool id, the client id and at least one URL are required")
	}
	out, err := api.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{UserPoolId: &poolID, ClientId: &clientID})
	if err != nil {
		return fmt.Errorf("describe user pool client %s: %w", clientID, err)
	}
	if out.UserPoolClient == nil {
		return fmt.Errorf("describe user pool client %s: no client in the answer", clientID)
	}
	in := updateInput(out.UserPoolClient)
	in.UserPoolId, in.ClientId = &poolID, &clientID
	in.CallbackURLs = union(in.CallbackURLs, urls)
	in.LogoutURLs = union(in.LogoutURLs, urls)
	if _, err := api.UpdateUserPoolClient(ctx, in); err != nil {
		return fmt.Errorf("update user pool client %s: %w", clientID, err)
	}
	return nil
}

// updateInput carries every setting of a described client into an update.
func updateInput(c *types.UserPoolClientType) *cip.UpdateUserPoolClientInput {
	return &cip.UpdateUserPoolClientInput{
		UserPoolId:                               c.UserPoolId,
		ClientId:                                 c.ClientId,
		AccessTokenValidity:                      c.AccessTokenValidity,
		AllowedOAuthFlows:                        c.AllowedOAuthFlows,
		AllowedOAuthFlowsUserPoolClient:          aws.ToBool(c.AllowedOAuthFlowsUserPoolClient),
		AllowedOAuthScopes:                       c.AllowedOAuthScopes,
		AnalyticsConfiguration:                   c.AnalyticsConfiguration,
		AuthSessionValidity:                      c.AuthSessionValidity,
		CallbackURLs:                             c.CallbackURLs,
		ClientName:                               c.ClientName,
		DefaultRedirectURI:                       c.DefaultRedirectURI,
		EnablePropagateAdditionalUserContextData: c.EnablePropagateAdditionalUserContextData,
		EnableTokenRevocation:                    c.EnableTokenRevocation,
		ExplicitAuthFlows:                        c.ExplicitAuthFlows,
		IdTokenValidity:                          c.IdTokenValidity,
		LogoutURLs:                               c.LogoutURLs,
		PreventUserExistenceErrors:               c.PreventUserExistenceErrors,
		ReadAttributes:                           c.ReadAttributes,
		RefreshTokenRotation:                     c.RefreshTokenRotation,
		RefreshTokenValidity:                     c.RefreshTokenValidity,
		SupportedIdentityProviders:               c.SupportedIdentityProviders,
		TokenValidityUnits:                       c.TokenValidityUnits,
		WriteAttributes:                          c.WriteAttributes,
	}
}

func union(have, add []string) []string {
	out := slices.Clone(have)
	for _, u := range add {
		if !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}
