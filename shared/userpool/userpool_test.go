package userpool

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

type fakeCognito struct {
	client  *types.UserPoolClientType
	updated *cip.UpdateUserPoolClientInput
	err     error
}

func (f *fakeCognito) DescribeUserPoolClient(_ context.Context, in *cip.DescribeUserPoolClientInput, _ ...func(*cip.Options)) (*cip.DescribeUserPoolClientOutput, error) {
	if f.err != nil {
		return nil, f.err
	}
	return &cip.DescribeUserPoolClientOutput{UserPoolClient: f.client}, nil
}

func (f *fakeCognito) UpdateUserPoolClient(_ context.Context, in *cip.UpdateUserPoolClientInput, _ ...func(*cip.Options)) (*cip.UpdateUserPoolClientOutput, error) {
	f.updated = in
	return &cip.UpdateUserPoolClientOutput{}, nil
}

// fillAll sets every field of a struct to a non-zero value of its type.
func fillAll(v reflect.Value) {
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		if !f.CanSet() {
			continue
		}
		switch f.Kind() {
		case reflect.Pointer:
			p := reflect.New(f.Type().Elem())
			if p.Elem().Kind() == reflect.Struct {
				fillAll(p.Elem())
			} else {
				setScalar(p.Elem())
			}
			f.Set(p)
		case reflect.Slice:
			s := reflect.MakeSlice(f.Type(), 1, 1)
			setScalar(s.Index(0))
			f.Set(s)
		default:
			setScalar(f)
		}
	}
}

func setScalar(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int32, reflect.Int64:
		v.SetInt(7)
	case reflect.Struct:
		if v.Type().String() != "time.Time" {
			fillAll(v)
		}
	}
}

// TestRegisterKeepsEverySetting: UpdateUserPoolClient resets what it is not given, so every
// setting the described client has must reach the update, whatever fields the SDK adds later.
func TestRegisterKeepsEverySetting(t *testing.T) {
	client := &types.UserPoolClientType{}
	fillAll(reflect.ValueOf(client).Elem())
	f := &fakeCognito{client: client}
	if err := RegisterConsole(context.Background(), f, "pool", "client", []string{"https://api.example/prod/console/index.html"}); err != nil {
		t.Fatal(err)
	}
	in := reflect.ValueOf(f.updated).Elem()
	described := reflect.TypeOf(*client)
	for i := 0; i < in.NumField(); i++ {
		name := in.Type().Field(i).Name
		if _, ok := described.FieldByName(name); !ok || !in.Type().Field(i).IsExported() {
			continue
		}
		if in.Field(i).IsZero() {
			t.Errorf("the update drops the client's %s", name)
		}
	}
	if !slices.Equal(f.updated.CallbackURLs, []string{"x", "https://api.example/prod/console/index.html"}) ||
		!slices.Equal(f.updated.LogoutURLs, []string{"x", "https://api.example/prod/console/index.html"}) {
		t.Errorf("callbacks %v, logouts %v", f.updated.CallbackURLs, f.updated.LogoutURLs)
	}
	if aws.ToString(f.updated.UserPoolId) != "pool" || aws.ToString(f.updated.ClientId) != "client" {
		t.Errorf("updated %s/%s", aws.ToString(f.updated.UserPoolId), aws.ToString(f.updated.ClientId))
	}
}

func TestRegisterIsIdempotent(t *testing.T) {
	url := "https://api.example/prod/console/index.html"
	f := &fakeCognito{client: &types.UserPoolClientType{CallbackURLs: []string{url}, LogoutURLs: []string{url}}}
	if err := RegisterConsole(context.Background(), f, "pool", "client", []string{url}); err != nil {
		t.Fatal(err)
	}
	if len(f.updated.CallbackURLs) != 1 || len(f.updated.LogoutURLs) != 1 {
		t.Errorf("a second registration duplicated the URL: %v %v", f.updated.CallbackURLs, f.updated.LogoutURLs)
	}
}

func TestRegisterReportsFailures(t *testing.T) {
	boom := errors.New("boom")
	if err := RegisterConsole(context.Background(), &fakeCognito{err: boom}, "pool", "client", []string{"u"}); !errors.Is(err, boom) {
		t.Errorf("err %v, want boom wrapped", err)
	}
	if err := RegisterConsole(context.Background(), &fakeCognito{}, "pool", "client", []string{"u"}); err == nil {
		t.Error("no client in the answer, no error")
	}
	if err := RegisterConsole(context.Background(), &fakeCognito{}, "", "client", []string{"u"}); err == nil {
		t.Error("no pool id, no error")
	}
}
